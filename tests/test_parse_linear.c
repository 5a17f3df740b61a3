/* SPDX-License-Identifier: MIT */
/*
 * The parser's work grows linearly with its input. Work is counted, not
 * timed: the CPU's count of instructions retired in user space while
 * parse_buffer runs (perf_event_open), which does not depend on the load
 * of the machine. Each input is parsed at n and at 4n units; a linear
 * parser does about 4 times the work, a quadratic one 16 times. The bound
 * asserted is 6 times. Where the kernel gives no instruction counter
 * (perf_event_paranoid above 2, some containers and VMs) the native suite
 * (BANGTIN_CALLGRIND=1, set by make test) runs the test again under
 * valgrind's callgrind, whose instruction counts are exact and as
 * repeatable; elsewhere (the sanitizer build, which valgrind cannot run,
 * and the aarch64 build under qemu) it says so and does not run, as the
 * README documents.
 */
#define _GNU_SOURCE
#include <linux/perf_event.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <errno.h>
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#else /* a build without valgrind's headers (the cross build): never under it */
#define RUNNING_ON_VALGRIND 0
#define CALLGRIND_ZERO_STATS
#define CALLGRIND_START_INSTRUMENTATION
#define CALLGRIND_STOP_INSTRUMENTATION
#define CALLGRIND_DUMP_STATS
#endif

#include "testutil.h"

static int counter_fd = -1;
/* Under callgrind: the folder its dumps go to (--callgrind-out-file). */
static const char *cg_dir;
static unsigned cg_dumps;

/* The "totals:" count of callgrind's dump number n in cg_dir: the
 * instructions between the last zeroing and the dump (a dump's "summary:"
 * line, before it, reads 0 for dumps made by a client request). */
static uint64_t cg_read_dump(unsigned n)
{
	char path[4096], line[512];
	unsigned long long total = 0;
	FILE *f;

	snprintf(path, sizeof path, "%s/cg.out.%u", cg_dir, n);
	f = fopen(path, "r");
	if (!f)
		fail_msg("callgrind dump %s: %s", path, strerror(errno));
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "totals: %llu", &total) == 1)
			break;
	fclose(f);
	remove(path);
	assert_true(total > 0);
	return total;
}

static int open_counter(void)
{
	struct perf_event_attr attr;

	memset(&attr, 0, sizeof attr);
	attr.type = PERF_TYPE_HARDWARE;
	attr.size = sizeof attr;
	attr.config = PERF_COUNT_HW_INSTRUCTIONS;
	attr.disabled = 1;
	attr.exclude_kernel = 1;
	attr.exclude_hv = 1;
	return (int)syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0);
}

/* Instructions parse_buffer takes on text; asserts it is accepted. */
static uint64_t work_of(const char *text)
{
	struct parse_result res;
	uint64_t count = 0;

	int rc;

	if (cg_dir) {
		CALLGRIND_ZERO_STATS;
		CALLGRIND_START_INSTRUMENTATION;
		rc = tu_parse_str(text, &res);
		CALLGRIND_STOP_INSTRUMENTATION;
		CALLGRIND_DUMP_STATS;
		count = cg_read_dump(++cg_dumps);
	} else {
		ioctl(counter_fd, PERF_EVENT_IOC_RESET, 0);
		ioctl(counter_fd, PERF_EVENT_IOC_ENABLE, 0);
		rc = tu_parse_str(text, &res);
		ioctl(counter_fd, PERF_EVENT_IOC_DISABLE, 0);
		assert_int_equal(read(counter_fd, &count, sizeof count), (ssize_t)sizeof count);
	}
	if (rc != 0)
		tu_print_diags("linear.txt", &res);
	assert_int_equal(rc, 0);
	parse_result_free(&res);
	return count;
}

/* A document whose body repeats unit n times, between a header and a
 * foot; sep goes between the units. The caller frees it. */
static char *document(const char *unit, const char *sep, size_t n)
{
	static const char head[] =
		"**BỘ TÀI CHÍNH**\n-------\n|\n**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**\n"
		"|\nSố: 109/2025/TT-BTC\n|\n*Hà Nội, ngày 18\ntháng 11 năm 2025*\n|\n"
		"**THÔNG TƯ**\nQUY ĐỊNH MỨC THU LỆ PHÍ\n";
	static const char foot[] = "\n|\nNơi nhận:\n- Lưu: VT.\n|\n**KT. BỘ TRƯỞNG**\n"
				   "THỨ TRƯỞNG\nCao Anh Tuấn\n";
	size_t len = sizeof head + sizeof foot + n * (strlen(unit) + strlen(sep) + 16);
	char *buf = malloc(len), *w = buf;

	assert_non_null(buf);
	w += sprintf(w, "%s", head);
	for (size_t i = 0; i < n; i++)
		w += sprintf(w, unit, (unsigned)i, (unsigned)i, sep);
	sprintf(w, "%s", foot);
	return buf;
}

static void check_linear(const char *what, const char *unit, const char *sep, size_t n)
{
	/* callgrind runs some 50 times slower: a third of the units still
	 * dwarfs the header's fixed cost. */
	n = cg_dir ? n / 3 : n;
	char *small = document(unit, sep, n), *big = document(unit, sep, 4 * n);
	uint64_t a = work_of(small), b = work_of(big);

	print_message("%s: %zu units %llu instructions, %zu units %llu (x%.1f)\n", what, n,
		      (unsigned long long)a, 4 * n, (unsigned long long)b, (double)b / (double)a);
	free(small);
	free(big);
	assert_true(b < 6 * a);
}

/* Many references in one paragraph: each is looked up, dated and named. */
static void test_references_in_one_paragraph(void **state)
{
	(void)state;
	check_linear("references",
		     "Thực hiện Kết luận số %u-KL/TW ngày 05/12/2013 của Bộ Chính trị và Nghị "
		     "quyết số %u/2020/NQ-CP;%s",
		     "\n", 1500);
}

/* Many short paragraphs, and a body with no line breaks at all. */
static void test_paragraphs_and_one_line(void **state)
{
	(void)state;
	check_linear("paragraphs", "Điều %u. Nội dung của điều %u được thực hiện ngay.%s", "\n\n",
		     1500);
	/* 4 x 250 sentences stay under the 64 KiB a line may hold. */
	check_linear("one line", "Câu thứ %u của đoạn %u dài không xuống dòng.%s", " ", 250);
}

/* A head full of what the re-cut works on: bars, emphasis, spaced letters. */
static void test_noisy_head(void **state)
{
	(void)state;
	check_linear("noisy", "**Đ** Ả N G %u ** **%u*%s", "\n|\n", 1500);
}

/* Runs this program again under callgrind (no instrumentation until
 * work_of() asks), its dumps in a fresh folder; returns its status, or
 * fails when valgrind cannot be run. */
static int rerun_under_callgrind(char *self)
{
	char dir[] = "/tmp/test_parse_linear.XXXXXX", out[64], status_line[128];
	int rc;

	if (!mkdtemp(dir)) {
		perror("test_parse_linear: mkdtemp");
		return 1;
	}
	snprintf(out, sizeof out, "--callgrind-out-file=%s/cg.out", dir);
	setenv("BANGTIN_CALLGRIND_DIR", dir, 1);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		execlp("valgrind", "valgrind", "-q", "--tool=callgrind", "--instr-atstart=no", out,
		       self, (char *)NULL);
		perror("test_parse_linear: valgrind");
		_exit(127);
	}
	int st = 0;
	rc = pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) ? WEXITSTATUS(st) : 1;
	snprintf(status_line, sizeof status_line, "rm -rf '%s'", dir);
	if (system(status_line) != 0)
		fprintf(stderr, "test_parse_linear: %s left behind\n", dir);
	if (rc == 127)
		printf("test_parse_linear: FAILED: no instruction counter and valgrind could not "
		       "be run (make deps installs it)\n");
	return rc;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_references_in_one_paragraph),
		cmocka_unit_test(test_paragraphs_and_one_line),
		cmocka_unit_test(test_noisy_head),
	};

	(void)argc;
	if (RUNNING_ON_VALGRIND) {
		cg_dir = getenv("BANGTIN_CALLGRIND_DIR");
		if (!cg_dir) {
			printf("test_parse_linear: under valgrind without BANGTIN_CALLGRIND_DIR\n");
			return 1;
		}
		printf("test_parse_linear: counting instructions with callgrind\n");
		return cmocka_run_group_tests(tests, NULL, NULL);
	}
	counter_fd = open_counter();
	if (counter_fd < 0) {
		const char *cg = getenv("BANGTIN_CALLGRIND");

		if (cg && !strcmp(cg, "1"))
			return rerun_under_callgrind(argv[0]);
		printf("test_parse_linear: no instruction counter (perf_event_open: "
		       "kernel.perf_event_paranoid is above 2?) and not the native suite "
		       "(BANGTIN_CALLGRIND=1); not run\n");
		return 0;
	}
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	close(counter_fd);
	return rc;
}
