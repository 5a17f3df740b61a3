/* SPDX-License-Identifier: MIT */
/*
 * config: defaults, the shipped data/bangtin.conf, a full file of non-default
 * values, and each refusal naming its file, line, key and value, read from
 * real temporary files through inih.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"

struct fixture {
	char path[64];
	char err[CONFIG_ERR_MAX];
	char want[CONFIG_ERR_MAX + 64];
	struct config cfg;
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof *fx);
	int fd;

	if (!fx)
		return -1;
	snprintf(fx->path, sizeof fx->path, "/tmp/test_config.XXXXXX");
	fd = mkstemp(fx->path);
	if (fd < 0) {
		free(fx);
		return -1;
	}
	close(fd);
	config_defaults(&fx->cfg);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	unlink(fx->path);
	free(fx);
	return 0;
}

static void write_conf(const struct fixture *fx, const char *text)
{
	FILE *f = fopen(fx->path, "wb");

	assert_non_null(f);
	assert_true(fputs(text, f) >= 0);
	assert_int_equal(fclose(f), 0);
}

static void assert_config_equal(const struct config *a, const struct config *b)
{
	assert_string_equal(a->org_name, b->org_name);
	assert_int_equal(a->rotation, b->rotation);
	assert_int_equal(a->fullscreen, b->fullscreen);
	assert_int_equal(a->width, b->width);
	assert_int_equal(a->height, b->height);
	assert_int_equal(a->footer, b->footer);
	assert_int_equal(a->ticker_speed, b->ticker_speed);
	assert_string_equal(a->font_dir, b->font_dir);
	assert_int_equal(a->carousel_count, b->carousel_count);
	assert_int_equal(a->carousel_pages, b->carousel_pages);
	assert_int_equal(a->viewing_distance_m, b->viewing_distance_m);
	assert_int_equal(a->panel_inches, b->panel_inches);
	assert_int_equal(a->new_days, b->new_days);
	assert_int_equal(a->dwell_min_s, b->dwell_min_s);
	assert_int_equal(a->dwell_max_s, b->dwell_max_s);
	assert_int_equal(a->dwell_chars_per_s, b->dwell_chars_per_s);
	assert_int_equal(a->idle_timeout_s, b->idle_timeout_s);
	assert_int_equal(a->sleep_from_min, b->sleep_from_min);
	assert_int_equal(a->sleep_until_min, b->sleep_until_min);
	assert_string_equal(a->db_path, b->db_path);
	assert_int_equal(a->long_press_ms, b->long_press_ms);
	assert_int_equal(a->repeat_delay_ms, b->repeat_delay_ms);
	assert_int_equal(a->repeat_interval_ms, b->repeat_interval_ms);
	assert_string_equal(a->media_roots, b->media_roots);
	assert_string_equal(a->bundle_dir, b->bundle_dir);
	assert_string_equal(a->keys_dir, b->keys_dir);
	assert_string_equal(a->staging_dir, b->staging_dir);
	assert_string_equal(a->report_socket, b->report_socket);
	assert_int_equal(a->enrol, b->enrol);
	assert_int_equal(a->stall_timeout_s, b->stall_timeout_s);
}

static void test_defaults(void **state)
{
	struct config cfg;

	(void)state;
	config_defaults(&cfg);
	assert_string_equal(cfg.org_name, "ĐẢNG ỦY THÔNG TẤN XÃ VIỆT NAM");
	assert_int_equal(cfg.rotation, 0);
	assert_true(cfg.fullscreen);
	assert_int_equal(cfg.width, 0);
	assert_int_equal(cfg.height, 0);
	assert_int_equal(cfg.footer, CONFIG_FOOTER_LEGEND);
	assert_int_equal(cfg.ticker_speed, 120);
	assert_string_equal(cfg.font_dir, "");
	assert_int_equal(cfg.carousel_count, 5);
	assert_int_equal(cfg.carousel_pages, 2);
	assert_int_equal(cfg.viewing_distance_m, 3);
	assert_int_equal(cfg.panel_inches, 43);
	assert_int_equal(cfg.new_days, 7);
	assert_int_equal(cfg.dwell_min_s, 8);
	assert_int_equal(cfg.dwell_max_s, 40);
	assert_int_equal(cfg.dwell_chars_per_s, 15);
	assert_int_equal(cfg.idle_timeout_s, 120);
	assert_int_equal(cfg.sleep_from_min, cfg.sleep_until_min); /* never sleeps */
	assert_string_equal(cfg.db_path, "");
	assert_int_equal(cfg.long_press_ms, 1500);
	assert_int_equal(cfg.repeat_delay_ms, 500);
	assert_int_equal(cfg.repeat_interval_ms, 150);
	assert_string_equal(cfg.media_roots, "/media /run/media /mnt/bangtin");
	assert_string_equal(cfg.bundle_dir, "BANGTIN");
	assert_string_equal(cfg.keys_dir, "/etc/bangtin/keys");
	assert_string_equal(cfg.staging_dir, "");
	assert_string_equal(cfg.report_socket, "/run/bangtin-report.sock");
	assert_true(cfg.enrol);
	assert_int_equal(cfg.stall_timeout_s, 180);
}

/* The commented example documents every default and parses cleanly. */
static void test_shipped_file(void **state)
{
	struct fixture *fx = *state;
	struct config defaults;

	config_defaults(&defaults);
	int rc = config_load(&fx->cfg, BANGTIN_SRCDIR "/data/bangtin.conf", fx->err, sizeof fx->err);
	if (rc != 0)
		fail_msg("%s", fx->err);
	assert_config_equal(&fx->cfg, &defaults);
	/* From the source tree (this test runs from build/), that is the file. */
	assert_string_equal(config_default_path(), BANGTIN_SRCDIR "/data/bangtin.conf");
}

static void test_full_file(void **state)
{
	struct fixture *fx = *state;

	write_conf(fx, "\xEF\xBB\xBF# every key, none at its default\r\n"
		       "[display]\r\n"
		       "org_name = \"ĐẢNG ỦY KHỐI CÁC CƠ QUAN TRUNG ƯƠNG\"\r\n"
		       "  rotation = 270 ; portrait, indented key\n"
		       "fullscreen = No\n"
		       "width = 1080\n"
		       "height=1920\n"
		       "footer = ticker\n"
		       "ticker_speed = 200\n"
		       "font_dir = /usr/share/fonts/truetype/noto\n"
		       "\n"
		       "[carousel]\n"
		       "count = 12\n"
		       "dwell_min = 60\n" /* above the default max: checked after the file */
		       "dwell_max = 300\n"
		       "reading_speed = 20\n"
		       "idle_timeout = 600\n"
		       "[schedule]\n"
		       "sleep = 21:30-6:15\n"
		       "[content]\n"
		       "db = /srv/bangtin/bangtin.db\n"
		       "[Buttons]\n"
		       "long_press_ms = 2000\n"
		       "repeat_delay_ms = 400\n"
		       "repeat_interval_ms = 100\n"
		       "[update]\n"
		       "media_roots = /media/bangtin, /srv/usb/\n"
		       "bundle_dir = NOIDUNG\n"
		       "keys_dir = /srv/bangtin/keys\n"
		       "staging_dir = /srv/bangtin/staging\n"
		       "report_socket =\n"
		       "enrol = no\n"
		       "stall_timeout = 45\n");
	int rc = config_load(&fx->cfg, fx->path, fx->err, sizeof fx->err);
	if (rc != 0)
		fail_msg("%s", fx->err);
	assert_string_equal(fx->cfg.org_name, "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TRUNG ƯƠNG");
	assert_int_equal(fx->cfg.rotation, 270);
	assert_false(fx->cfg.fullscreen);
	assert_int_equal(fx->cfg.width, 1080);
	assert_int_equal(fx->cfg.height, 1920);
	assert_int_equal(fx->cfg.footer, CONFIG_FOOTER_TICKER);
	assert_int_equal(fx->cfg.ticker_speed, 200);
	assert_string_equal(fx->cfg.font_dir, "/usr/share/fonts/truetype/noto");
	assert_string_equal(fx->cfg.media_roots, "/media/bangtin, /srv/usb/");
	assert_string_equal(fx->cfg.bundle_dir, "NOIDUNG");
	assert_string_equal(fx->cfg.keys_dir, "/srv/bangtin/keys");
	assert_string_equal(fx->cfg.staging_dir, "/srv/bangtin/staging");
	assert_string_equal(fx->cfg.report_socket, "");
	assert_false(fx->cfg.enrol);
	assert_int_equal(fx->cfg.stall_timeout_s, 45);
	assert_int_equal(fx->cfg.carousel_count, 12);
	assert_int_equal(fx->cfg.dwell_min_s, 60);
	assert_int_equal(fx->cfg.dwell_max_s, 300);
	assert_int_equal(fx->cfg.dwell_chars_per_s, 20);
	assert_int_equal(fx->cfg.idle_timeout_s, 600);
	assert_int_equal(fx->cfg.sleep_from_min, 21 * 60 + 30);
	assert_int_equal(fx->cfg.sleep_until_min, 6 * 60 + 15);
	assert_string_equal(fx->cfg.db_path, "/srv/bangtin/bangtin.db");
	assert_int_equal(fx->cfg.long_press_ms, 2000);
	assert_int_equal(fx->cfg.repeat_delay_ms, 400);
	assert_int_equal(fx->cfg.repeat_interval_ms, 100);

	/* A later file on top: sleep off again, the rest kept. */
	write_conf(fx, "[schedule]\nsleep = off\n");
	assert_int_equal(config_load(&fx->cfg, fx->path, fx->err, sizeof fx->err), 0);
	assert_int_equal(fx->cfg.sleep_from_min, fx->cfg.sleep_until_min);
	assert_int_equal(fx->cfg.rotation, 270);
}

/* Each bad line, on line 3 of a file, is refused with exactly this message
 * after "FILE:3: "; the config is left as it was. */
static void test_bad_values(void **state)
{
	struct fixture *fx = *state;
	static const struct {
		const char *section, *line, *msg;
	} bad[] = {
		{ "display", "rotation = 45", "rotation: must be 0, 90, 180 or 270 (got 45)" },
		{ "display", "rotation = ninety", "rotation: must be 0, 90, 180 or 270 (got ninety)" },
		{ "display", "fullscreen = maybe", "fullscreen: must be yes or no (got maybe)" },
		{ "display", "width = 100",
		  "width: must be 0 (the display's) or a whole number from 160 to 16384 (got 100)" },
		{ "display", "height = 1080px",
		  "height: must be 0 (the display's) or a whole number from 160 to 16384 (got 1080px)" },
		{ "display", "footer = clock", "footer: must be legend or ticker (got clock)" },
		{ "display", "ticker_speed = 0",
		  "ticker_speed: must be a whole number from 10 to 2000 (got 0)" },
		{ "display", "org_name =", "org_name: must not be empty" },
		{ "display", "org_name = \xC4\x90\xE1\xBA", "org_name: not valid UTF-8; save the file as UTF-8" },
		{ "carousel", "count = 0", "count: must be a whole number from 1 to 100 (got 0)" },
		{ "carousel", "count = -5", "count: must be a whole number from 1 to 100 (got -5)" },
		{ "carousel", "dwell_min = 99999999999999999999",
		  "dwell_min: must be a whole number from 1 to 3600 (got 99999999999999999999)" },
		{ "carousel", "dwell_max = 8.5",
		  "dwell_max: must be a whole number from 1 to 3600 (got 8.5)" },
		{ "carousel", "reading_speed =",
		  "reading_speed: must be a whole number from 1 to 1000 (got )" },
		{ "carousel", "idle_timeout = 1",
		  "idle_timeout: must be a whole number from 5 to 86400 (got 1)" },
		{ "carousel", "dwell_min = 50",
		  "dwell_min: must not be more than dwell_max, 40 (got 50)" },
		{ "carousel", "dwell_max = 5",
		  "dwell_max: must not be less than dwell_min, 8 (got 5)" },
		{ "schedule", "sleep = 22h-6h",
		  "sleep: must be off or FROM-UNTIL in 24-hour time, like 22:00-06:00 (got 22h-6h)" },
		{ "schedule", "sleep = 24:00-06:00",
		  "sleep: must be off or FROM-UNTIL in 24-hour time, like 22:00-06:00 (got 24:00-06:00)" },
		{ "schedule", "sleep = 22:00",
		  "sleep: must be off or FROM-UNTIL in 24-hour time, like 22:00-06:00 (got 22:00)" },
		{ "schedule", "sleep = 22:00-22:00",
		  "sleep: starts and ends at the same time; write off for no sleep (got 22:00-22:00)" },
		{ "buttons", "long_press_ms = 50",
		  "long_press_ms: must be a whole number from 200 to 10000 (got 50)" },
		{ "buttons", "repeat_delay_ms = 6000",
		  "repeat_delay_ms: must be a whole number from 100 to 5000 (got 6000)" },
		{ "buttons", "repeat_interval_ms = 10",
		  "repeat_interval_ms: must be a whole number from 20 to 2000 (got 10)" },
		{ "display", "rotaton = 90",
		  "rotaton: unknown key in [display] (known: org_name, rotation, fullscreen, width, "
		  "height, footer, ticker_speed, font_dir, viewing_distance_m, panel_inches)" },
		{ "content", "database = /x.db",
		  "database: unknown key in [content] (known: db, new_days)" },
		{ "carousel", "pages = 101", "pages: must be 0 (every page) or a whole number from 1 to 100 (got 101)" },
		{ "display", "[screen]",
		  "[screen]: unknown section (known: display, carousel, schedule, content, buttons, "
		  "update)" },
		{ "update", "media_roots = /media usb",
		  "media_roots: media root usb: not an absolute path" },
		{ "update", "media_roots = ,", "media_roots: no media root given" },
		{ "update", "bundle_dir = A/B",
		  "bundle_dir: must be one folder name, without '/' (got A/B)" },
		{ "update", "bundle_dir = ..",
		  "bundle_dir: must be one folder name, without '/' (got ..)" },
		{ "update", "keys = /x",
		  "keys: unknown key in [update] (known: media_roots, bundle_dir, keys_dir, "
		  "staging_dir, report_socket, enrol, stall_timeout)" },
		{ "update", "stall_timeout = 5",
		  "stall_timeout: must be a whole number from 10 to 3600 (got 5)" },
		{ "display", "rotation 90", "not a [section] nor key = value" },
		{ "display", "[display", "not a [section] nor key = value" },
	};
	char text[512];

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct config before;
		snprintf(text, sizeof text, "# line 1\n[%s]\n%s\n[display]\nrotation = 90\n",
			 bad[i].section, bad[i].line);
		write_conf(fx, text);
		config_defaults(&fx->cfg);
		before = fx->cfg;
		assert_int_equal(config_load(&fx->cfg, fx->path, fx->err, sizeof fx->err), -1);
		snprintf(fx->want, sizeof fx->want, "%s:3: %s", fx->path, bad[i].msg);
		assert_string_equal(fx->err, fx->want);
		assert_config_equal(&fx->cfg, &before);
	}
}

/* Errors that do not fit the one-bad-line pattern above. */
static void test_refusals(void **state)
{
	struct fixture *fx = *state;
	char text[600];

	/* A key before any section. */
	write_conf(fx, "rotation = 90\n[display]\n");
	assert_int_equal(config_load(&fx->cfg, fx->path, fx->err, sizeof fx->err), -1);
	snprintf(fx->want, sizeof fx->want,
		 "%s:1: rotation: outside any section; put it under [display], [carousel], "
		 "[schedule], [content], [buttons] or [update]", fx->path);
	assert_string_equal(fx->err, fx->want);

	/* An empty unknown section is refused too, on its own line. */
	write_conf(fx, "[display]\nrotation = 90\n\n  [ Network ]  \n");
	assert_int_equal(config_load(&fx->cfg, fx->path, fx->err, sizeof fx->err), -1);
	snprintf(fx->want, sizeof fx->want,
		 "%s:4: [Network]: unknown section (known: display, carousel, schedule, content, "
		 "buttons, update)", fx->path);
	assert_string_equal(fx->err, fx->want);

	/* The first error is the one reported. */
	write_conf(fx, "[display]\nrotation = 1\nfooter = x\n");
	assert_int_equal(config_load(&fx->cfg, fx->path, fx->err, sizeof fx->err), -1);
	assert_non_null(strstr(fx->err, ":2: rotation:"));

	/* A line longer than inih reads at once is refused, not split. */
	memset(text, 0, sizeof text);
	strcpy(text, "[content]\ndb = /");
	memset(text + strlen(text), 'a', 300);
	strcat(text, "\n");
	write_conf(fx, text);
	assert_int_equal(config_load(&fx->cfg, fx->path, fx->err, sizeof fx->err), -1);
	snprintf(fx->want, sizeof fx->want, "%s:2: line longer than", fx->path);
	assert_memory_equal(fx->err, fx->want, strlen(fx->want));
	assert_string_equal(fx->cfg.db_path, "");

	/* Missing file: named, with the reason. */
	assert_int_equal(config_load(&fx->cfg, "/nonexistent/bangtin.conf", fx->err,
				     sizeof fx->err), -1);
	assert_string_equal(fx->err, "/nonexistent/bangtin.conf: cannot open: "
				     "No such file or directory");

	/* An empty file is fine: all defaults. */
	write_conf(fx, "");
	assert_int_equal(config_load(&fx->cfg, fx->path, fx->err, sizeof fx->err), 0);
	assert_int_equal(fx->cfg.rotation, 0);
}

/* Issue 9: what a hostile or broken config did. A NUL in a value was cut
 * silently and an unbalanced quote kept: both are errors naming the line.
 * A FIFO in the file's place hung start-up: it is refused at once, as are
 * a link and a file too large to be a config. */
static void test_hostile_files(void **state)
{
	struct fixture *fx = *state;
	static const char nul[] = "[display]\norg_name = ĐẢNG ỦY\0 KHỐI\nrotation = 90\n";
	char path[80];
	FILE *f;

	f = fopen(fx->path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(nul, 1, sizeof nul - 1, f), sizeof nul - 1);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(config_load(&fx->cfg, fx->path, fx->err, sizeof fx->err), -1);
	snprintf(fx->want, sizeof fx->want, "%s:2: a NUL byte in the line", fx->path);
	assert_memory_equal(fx->err, fx->want, strlen(fx->want));
	/* Nothing of a refused file is applied. */
	assert_int_equal(fx->cfg.rotation, 0);

	write_conf(fx, "[display]\nrotation = 90\norg_name = \"ĐẢNG ỦY KHỐI\n");
	assert_int_equal(config_load(&fx->cfg, fx->path, fx->err, sizeof fx->err), -1);
	snprintf(fx->want, sizeof fx->want, "%s:3: org_name: unbalanced double quote", fx->path);
	assert_memory_equal(fx->err, fx->want, strlen(fx->want));
	write_conf(fx, "[update]\nkeys_dir = /etc/bangtin/keys\"\n");
	assert_int_equal(config_load(&fx->cfg, fx->path, fx->err, sizeof fx->err), -1);
	snprintf(fx->want, sizeof fx->want, "%s:2: keys_dir: unbalanced double quote", fx->path);
	assert_memory_equal(fx->err, fx->want, strlen(fx->want));
	write_conf(fx, "[display]\norg_name = \"\n");
	assert_int_equal(config_load(&fx->cfg, fx->path, fx->err, sizeof fx->err), -1);
	/* Balanced quotes are still removed. */
	write_conf(fx, "[display]\norg_name = \"ĐẢNG ỦY\"\n");
	assert_int_equal(config_load(&fx->cfg, fx->path, fx->err, sizeof fx->err), 0);
	assert_string_equal(fx->cfg.org_name, "ĐẢNG ỦY");

	/* A FIFO without a writer: refused, not waited on (a hang here is the
	 * failure). */
	snprintf(path, sizeof path, "%s.fifo", fx->path);
	assert_int_equal(mkfifo(path, 0600), 0);
	alarm(10); /* a regression blocks in open(): killed, not hung */
	assert_int_equal(config_load(&fx->cfg, path, fx->err, sizeof fx->err), -1);
	alarm(0);
	snprintf(fx->want, sizeof fx->want, "%s: not a regular file", path);
	assert_string_equal(fx->err, fx->want);
	unlink(path);

	snprintf(path, sizeof path, "%s.link", fx->path);
	assert_int_equal(symlink(fx->path, path), 0);
	assert_int_equal(config_load(&fx->cfg, path, fx->err, sizeof fx->err), -1);
	assert_non_null(strstr(fx->err, "a symbolic link"));
	unlink(path);

	f = fopen(fx->path, "wb");
	assert_non_null(f);
	assert_int_equal(fputs("[display]\n", f) >= 0, 1);
	for (int i = 0; i < CONFIG_FILE_MAX / 8; i++)
		fputs("# ......\n", f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(config_load(&fx->cfg, fx->path, fx->err, sizeof fx->err), -1);
	assert_non_null(strstr(fx->err, "over the limit of 65536"));
}

static void test_set(void **state)
{
	struct fixture *fx = *state;
	char longname[CONFIG_STR_MAX + 8];

	assert_int_equal(config_set(&fx->cfg, "display", "ROTATION", "180", fx->err,
				    sizeof fx->err), 0);
	assert_int_equal(fx->cfg.rotation, 180);
	assert_int_equal(config_set(&fx->cfg, "display", "fullscreen", "off", fx->err,
				    sizeof fx->err), 0);
	assert_false(fx->cfg.fullscreen);
	assert_int_equal(config_set(&fx->cfg, "display", "fullscreen", "TRUE", fx->err,
				    sizeof fx->err), 0);
	assert_true(fx->cfg.fullscreen);
	assert_int_equal(config_set(&fx->cfg, "content", "db", "\"\"", fx->err,
				    sizeof fx->err), 0);
	assert_string_equal(fx->cfg.db_path, "");
	assert_int_equal(config_set(&fx->cfg, "schedule", "sleep", "0:00-5:00", fx->err,
				    sizeof fx->err), 0);
	assert_int_equal(fx->cfg.sleep_from_min, 0);
	assert_int_equal(fx->cfg.sleep_until_min, 300);
	assert_int_equal(config_set(&fx->cfg, "schedule", "sleep", "12:00-13:30", fx->err,
				    sizeof fx->err), 0);
	assert_int_equal(fx->cfg.sleep_from_min, 720);
	assert_int_equal(fx->cfg.sleep_until_min, 810);
	assert_int_equal(config_set(&fx->cfg, "display", "width", "0", fx->err,
				    sizeof fx->err), 0);
	assert_int_equal(fx->cfg.width, 0);

	memset(longname, 'A', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	assert_int_equal(config_set(&fx->cfg, "display", "org_name", longname, fx->err,
				    sizeof fx->err), -1);
	assert_non_null(strstr(fx->err, "org_name: longer than 255 bytes (got AAAA"));
	assert_string_equal(fx->cfg.org_name, "ĐẢNG ỦY THÔNG TẤN XÃ VIỆT NAM");
	assert_int_equal(config_set(&fx->cfg, "nosuch", "x", "1", fx->err, sizeof fx->err), -1);
	assert_string_equal(fx->err, "[nosuch]: unknown section (known: display, carousel, "
				     "schedule, content, buttons, update)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test_setup_teardown(test_shipped_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_full_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_set, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hostile_files, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
