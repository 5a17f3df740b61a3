/* SPDX-License-Identifier: MIT */
/*
 * gpio: the parts of the GPIO layer that need no GPIO chip: "CHIP:LINE"
 * specs and bias names as the config gives them, how a chip spec names its
 * device (path, name, number, label), line offsets against line names, the
 * Raspberry Pi defaults, the time order of edges read from several lines,
 * the wording of chip errors, and the [buttons] keys of bangtin.conf that
 * feed it. The lines themselves are tested against
 * the kernel's gpio-sim under qemu (tests/gpiosim/).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "gpio_int.h"

static void test_spec_parse(void **state)
{
	struct gpio_line_spec s = { .active_low = true, .bias = GPIO_BIAS_PULL_DOWN };
	char err[GPIO_ERR_MAX];

	(void)state;
	assert_int_equal(gpio_spec_parse("gpiochip0:17", &s, err, sizeof err), 0);
	assert_string_equal(s.chip, "gpiochip0");
	assert_string_equal(s.line, "17");
	/* Only chip and line are touched. */
	assert_true(s.active_low);
	assert_int_equal(s.bias, GPIO_BIAS_PULL_DOWN);

	assert_int_equal(gpio_spec_parse("pinctrl-bcm2711:GPIO17", &s, err, sizeof err), 0);
	assert_string_equal(s.chip, "pinctrl-bcm2711");
	assert_string_equal(s.line, "GPIO17");

	/* Split at the last colon: a label may hold one, a line name not. */
	assert_int_equal(gpio_spec_parse("/dev/gpiochip4:GPIO5", &s, err, sizeof err), 0);
	assert_string_equal(s.chip, "/dev/gpiochip4");
	assert_string_equal(s.line, "GPIO5");
	assert_int_equal(gpio_spec_parse("a:b:3", &s, err, sizeof err), 0);
	assert_string_equal(s.chip, "a:b");
	assert_string_equal(s.line, "3");
}

static void test_spec_parse_errors(void **state)
{
	struct gpio_line_spec s;
	char err[GPIO_ERR_MAX], longer[200];

	(void)state;
	strcpy(s.chip, "kept");
	assert_int_equal(gpio_spec_parse("gpiochip0", &s, err, sizeof err), -1);
	assert_string_equal(err, "must be CHIP:LINE, like gpiochip0:17 or "
			    "pinctrl-bcm2711:GPIO17 (got gpiochip0)");
	assert_string_equal(s.chip, "kept");
	assert_int_equal(gpio_spec_parse(":17", &s, err, sizeof err), -1);
	assert_string_equal(err, "must be CHIP:LINE with neither side empty (got :17)");
	assert_int_equal(gpio_spec_parse("gpiochip0:", &s, err, sizeof err), -1);
	assert_string_equal(err, "must be CHIP:LINE with neither side empty (got gpiochip0:)");
	memset(longer, 'x', sizeof longer - 1);
	longer[sizeof longer - 1] = '\0';
	longer[10] = ':';
	assert_int_equal(gpio_spec_parse(longer, &s, err, sizeof err), -1);
	assert_non_null(strstr(err, "shorter than 64 bytes"));
	assert_string_equal(s.chip, "kept");
}

static void test_bias(void **state)
{
	enum gpio_bias b = GPIO_BIAS_AS_IS;

	(void)state;
	assert_int_equal(gpio_bias_parse("pull-up", &b), 0);
	assert_int_equal(b, GPIO_BIAS_PULL_UP);
	assert_int_equal(gpio_bias_parse("Pull-Down", &b), 0);
	assert_int_equal(b, GPIO_BIAS_PULL_DOWN);
	assert_int_equal(gpio_bias_parse("as-is", &b), 0);
	assert_int_equal(b, GPIO_BIAS_AS_IS);
	assert_int_equal(gpio_bias_parse("pullup", &b), -1);
	assert_int_equal(gpio_bias_parse("", &b), -1);
	assert_int_equal(b, GPIO_BIAS_AS_IS);
	assert_string_equal(gpio_bias_name(GPIO_BIAS_PULL_UP), "pull-up");
	assert_string_equal(gpio_bias_name(GPIO_BIAS_PULL_DOWN), "pull-down");
	assert_string_equal(gpio_bias_name(GPIO_BIAS_AS_IS), "as-is");
	assert_string_equal(gpio_bias_name((enum gpio_bias)7), "?");
}

static void test_names_and_defaults(void **state)
{
	struct gpio_config c;
	static const char *const lines[] = { "17", "27", "22", "23" };
	static const char *const names[] = { "prev", "next", "select", "back" };

	(void)state;
	gpio_config_default(&c);
	for (int i = 0; i < BUTTONS_COUNT; i++) {
		assert_string_equal(gpio_button_name((enum buttons_id)i), names[i]);
		assert_string_equal(c.button[i].chip, "gpiochip0");
		assert_string_equal(c.button[i].line, lines[i]);
		assert_true(c.button[i].active_low);
		assert_int_equal(c.button[i].bias, GPIO_BIAS_PULL_UP);
	}
	assert_string_equal(gpio_button_name(BUTTONS_COUNT), "?");
}

static void test_chip_classify(void **state)
{
	char path[GPIO_PATH_MAX];

	(void)state;
	assert_int_equal(gpio_chip_classify("/dev/gpiochip3", path, sizeof path), GPIO_CHIP_PATH);
	assert_string_equal(path, "/dev/gpiochip3");
	assert_int_equal(gpio_chip_classify("gpiochip0", path, sizeof path), GPIO_CHIP_PATH);
	assert_string_equal(path, "/dev/gpiochip0");
	assert_int_equal(gpio_chip_classify("12", path, sizeof path), GPIO_CHIP_PATH);
	assert_string_equal(path, "/dev/gpiochip12");
	/* Labels, including ones that look almost like names. */
	assert_int_equal(gpio_chip_classify("pinctrl-bcm2711", path, sizeof path), GPIO_CHIP_LABEL);
	assert_string_equal(path, "");
	assert_int_equal(gpio_chip_classify("gpiochip", path, sizeof path), GPIO_CHIP_LABEL);
	assert_int_equal(gpio_chip_classify("gpiochip0a", path, sizeof path), GPIO_CHIP_LABEL);
	assert_int_equal(gpio_chip_classify("pinctrl-rp1", path, sizeof path), GPIO_CHIP_LABEL);
}

static void test_line_offset(void **state)
{
	unsigned int off = 99;

	(void)state;
	assert_true(gpio_line_offset("17", &off));
	assert_int_equal(off, 17);
	assert_true(gpio_line_offset("0", &off));
	assert_int_equal(off, 0);
	off = 99;
	assert_false(gpio_line_offset("GPIO17", &off));
	assert_false(gpio_line_offset("17a", &off));
	assert_false(gpio_line_offset("", &off));
	assert_false(gpio_line_offset("-1", &off));
	assert_false(gpio_line_offset("12345678901", &off));
	assert_int_equal(off, 99);
}

static void test_edges_sort(void **state)
{
	/* As read line by line: next's edges, then back's, then prev's. */
	struct gpio_edge e[] = {
		{ BUTTONS_NEXT, true, 300 }, { BUTTONS_NEXT, false, 900 },
		{ BUTTONS_BACK, true, 100 }, { BUTTONS_BACK, false, 300 },
		{ BUTTONS_PREV, true, 300 },
	};
	static const struct gpio_edge want[] = {
		{ BUTTONS_BACK, true, 100 }, { BUTTONS_NEXT, true, 300 },
		{ BUTTONS_BACK, false, 300 }, { BUTTONS_PREV, true, 300 },
		{ BUTTONS_NEXT, false, 900 },
	};

	(void)state;
	gpio_edges_sort(e, 5);
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(e[i].button, want[i].button);
		assert_int_equal(e[i].pressed, want[i].pressed);
		assert_int_equal(e[i].t_ns, want[i].t_ns);
	}
	gpio_edges_sort(e, 0);
	assert_int_equal(e[0].t_ns, 100);
}

static void test_fail_chip(void **state)
{
	char err[GPIO_ERR_MAX];

	(void)state;
	assert_int_equal(gpio_fail_chip(err, sizeof err, "gpiochip9", "/dev/gpiochip9", ENOENT), -1);
	assert_string_equal(err, "no chip 'gpiochip9'");
	gpio_fail_chip(err, sizeof err, "gpiochip0", "/dev/gpiochip0", EACCES);
	assert_string_equal(err, "/dev/gpiochip0: permission denied (give the kiosk's user "
			    "access to it: the gpio group or a udev rule)");
	/* There but not a chip: v1 says ENOTTY, v2 ENODEV. */
	gpio_fail_chip(err, sizeof err, "/dev/null", "/dev/null", ENODEV);
	assert_string_equal(err, "/dev/null: not a GPIO chip");
	gpio_fail_chip(err, sizeof err, "/dev/null", "/dev/null", ENOTTY);
	assert_string_equal(err, "/dev/null: not a GPIO chip");
	gpio_fail_chip(err, sizeof err, "/nonexistent/gpiochip0", "/nonexistent/gpiochip0", ENODEV);
	assert_string_equal(err, "no chip '/nonexistent/gpiochip0'");
}

/* A reason per button, from the real set: the screen words its notice
 * from these codes, not from the English messages. */
static void test_reasons(void **state)
{
	struct gpio_config gc;
	struct gpio *g;
	char err[GPIO_ERR_MAX];

	(void)state;
	gpio_config_default(&gc);
	snprintf(gc.button[BUTTONS_PREV].chip, sizeof gc.button[0].chip, "gpiochip999");
	snprintf(gc.button[BUTTONS_NEXT].chip, sizeof gc.button[0].chip, "/nonexistent/chip");
	snprintf(gc.button[BUTTONS_SELECT].chip, sizeof gc.button[0].chip, "/dev/null");
	snprintf(gc.button[BUTTONS_BACK].chip, sizeof gc.button[0].chip, "no-such-label");
	assert_non_null(g = gpio_new(&gc));
	assert_int_equal(gpio_open(g, err, sizeof err), BUTTONS_COUNT);
	assert_int_equal(gpio_reason(g, BUTTONS_PREV), GPIO_REASON_NO_CHIP);
	assert_int_equal(gpio_reason(g, BUTTONS_NEXT), GPIO_REASON_NO_CHIP);
	assert_int_equal(gpio_reason(g, BUTTONS_SELECT), GPIO_REASON_NOT_CHIP);
	assert_int_equal(gpio_reason(g, BUTTONS_BACK), GPIO_REASON_NO_CHIP);
	assert_string_equal(gpio_chip_spec(g, BUTTONS_PREV), "gpiochip999");
	assert_string_equal(gpio_reason_name(GPIO_REASON_BUSY), "busy");
	assert_string_equal(gpio_reason_name((enum gpio_reason)99), "?");
	gpio_free(g);
}

static void test_config_defaults(void **state)
{
	struct config c;
	struct gpio_config g, want;
	char err[GPIO_ERR_MAX];

	(void)state;
	config_defaults(&c);
	assert_int_equal(c.debounce_ms, 30);
	assert_int_equal(gpio_config_from(&g, &c, err, sizeof err), 0);
	gpio_config_default(&want);
	assert_memory_equal(&g, &want, sizeof g);

	/* The example config in the source tree says the same. */
	assert_int_equal(config_load(&c, BANGTIN_SRCDIR "/data/bangtin.conf", err, sizeof err), 0);
	assert_int_equal(gpio_config_from(&g, &c, err, sizeof err), 0);
	assert_memory_equal(&g, &want, sizeof g);
	assert_int_equal(c.debounce_ms, 30);
}

static void test_config_keys(void **state)
{
	struct config c;
	struct gpio_config g;
	char err[CONFIG_ERR_MAX];

	(void)state;
	config_defaults(&c);
	assert_int_equal(config_set(&c, "buttons", "prev", "pinctrl-bcm2711:GPIO5", err, sizeof err), 0);
	assert_int_equal(config_set(&c, "buttons", "back", "/dev/gpiochip4:6", err, sizeof err), 0);
	assert_int_equal(config_set(&c, "buttons", "active_low", "no", err, sizeof err), 0);
	assert_int_equal(config_set(&c, "buttons", "bias", "pull-down", err, sizeof err), 0);
	assert_int_equal(config_set(&c, "buttons", "debounce_ms", "50", err, sizeof err), 0);
	assert_int_equal(c.debounce_ms, 50);
	assert_int_equal(gpio_config_from(&g, &c, err, sizeof err), 0);
	assert_string_equal(g.button[BUTTONS_PREV].chip, "pinctrl-bcm2711");
	assert_string_equal(g.button[BUTTONS_PREV].line, "GPIO5");
	assert_string_equal(g.button[BUTTONS_NEXT].chip, "gpiochip0");
	assert_string_equal(g.button[BUTTONS_NEXT].line, "27");
	assert_string_equal(g.button[BUTTONS_BACK].chip, "/dev/gpiochip4");
	assert_string_equal(g.button[BUTTONS_BACK].line, "6");
	for (int i = 0; i < BUTTONS_COUNT; i++) {
		assert_false(g.button[i].active_low);
		assert_int_equal(g.button[i].bias, GPIO_BIAS_PULL_DOWN);
	}
	assert_int_equal(config_set(&c, "buttons", "bias", "as-is", err, sizeof err), 0);
	assert_int_equal(gpio_config_from(&g, &c, err, sizeof err), 0);
	assert_int_equal(g.button[BUTTONS_SELECT].bias, GPIO_BIAS_AS_IS);
}

static void test_config_key_errors(void **state)
{
	struct config c;
	char err[CONFIG_ERR_MAX];

	(void)state;
	config_defaults(&c);
	assert_int_equal(config_set(&c, "buttons", "next", "17", err, sizeof err), -1);
	assert_string_equal(err, "next: must be CHIP:LINE, like gpiochip0:17 or "
			    "pinctrl-bcm2711:GPIO17 (got 17)");
	assert_int_equal(config_set(&c, "buttons", "select", "gpiochip0:", err, sizeof err), -1);
	assert_string_equal(err, "select: must be CHIP:LINE with neither side empty (got gpiochip0:)");
	assert_int_equal(config_set(&c, "buttons", "bias", "up", err, sizeof err), -1);
	assert_string_equal(err, "bias: must be pull-up, pull-down or as-is (got up)");
	assert_int_equal(config_set(&c, "buttons", "active_low", "maybe", err, sizeof err), -1);
	assert_string_equal(err, "active_low: must be yes or no (got maybe)");
	assert_int_equal(config_set(&c, "buttons", "debounce_ms", "0", err, sizeof err), -1);
	assert_string_equal(err, "debounce_ms: must be a whole number from 1 to 200 (got 0)");
	/* Nothing was changed by the refused values. */
	assert_string_equal(c.button_line[BUTTONS_NEXT], "gpiochip0:27");
	assert_string_equal(c.button_line[BUTTONS_SELECT], "gpiochip0:22");
	assert_int_equal(c.button_bias, CONFIG_BIAS_PULL_UP);
	assert_true(c.button_active_low);
	assert_int_equal(c.debounce_ms, 30);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec_parse),
		cmocka_unit_test(test_spec_parse_errors),
		cmocka_unit_test(test_bias),
		cmocka_unit_test(test_names_and_defaults),
		cmocka_unit_test(test_chip_classify),
		cmocka_unit_test(test_line_offset),
		cmocka_unit_test(test_edges_sort),
		cmocka_unit_test(test_fail_chip),
		cmocka_unit_test(test_reasons),
		cmocka_unit_test(test_config_defaults),
		cmocka_unit_test(test_config_keys),
		cmocka_unit_test(test_config_key_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
