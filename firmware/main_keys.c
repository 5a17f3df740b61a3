/* SPDX-License-Identifier: MIT */
/* main_keys.c: key presses and releases -> app inputs. Back held long opens
 * Info (once, and its release then does nothing); a held previous or next
 * repeats after a delay. SDL's own key repeat is ignored by the caller: the
 * timing here is the config's, the same as the GPIO buttons'. */
#include "main.h"

void keys_init(struct keys *k, int64_t long_ms, int64_t delay_ms, int64_t interval_ms)
{
	k->long_ms = long_ms > 0 ? long_ms : 1;
	k->delay_ms = delay_ms > 0 ? delay_ms : 1;
	k->interval_ms = interval_ms > 0 ? interval_ms : 1;
	k->held = KEYS_NONE;
	k->down_at = 0;
	k->next_repeat = INT64_MAX;
	k->long_fired = false;
}

int keys_down(struct keys *k, enum keys_id id, int64_t now_ms, enum app_input *out)
{
	if (k->held == id)
		return 0; /* already down: a second key-down is the system's repeat */
	k->held = id;
	k->down_at = now_ms;
	k->long_fired = false;
	k->next_repeat = INT64_MAX;
	switch (id) {
	case KEYS_PREV:
	case KEYS_NEXT:
		k->next_repeat = now_ms + k->delay_ms;
		*out = id == KEYS_PREV ? APP_IN_PREV : APP_IN_NEXT;
		return 1;
	case KEYS_SELECT:
		*out = APP_IN_SELECT;
		return 1;
	case KEYS_BACK: /* a short press acts on release, a long one on the timer */
	case KEYS_NONE:
		break;
	}
	return 0;
}

int keys_up(struct keys *k, enum keys_id id, int64_t now_ms, enum app_input *out)
{
	int n = 0;

	if (k->held != id)
		return 0;
	if (id == KEYS_BACK && !k->long_fired) {
		if (now_ms - k->down_at >= k->long_ms) {
			*out = APP_IN_BACK_LONG; /* the timer was late: still a long press */
		} else {
			*out = APP_IN_BACK;
		}
		n = 1;
	}
	k->held = KEYS_NONE;
	k->next_repeat = INT64_MAX;
	k->long_fired = false;
	return n;
}

int keys_tick(struct keys *k, int64_t now_ms, enum app_input *out)
{
	if (k->held == KEYS_BACK && !k->long_fired && now_ms - k->down_at >= k->long_ms) {
		k->long_fired = true;
		*out = APP_IN_BACK_LONG;
		return 1;
	}
	if ((k->held == KEYS_PREV || k->held == KEYS_NEXT) && now_ms >= k->next_repeat) {
		/* One repeat per tick; a late tick does not burst. */
		k->next_repeat = now_ms + k->interval_ms;
		*out = k->held == KEYS_PREV ? APP_IN_PREV_REPEAT : APP_IN_NEXT_REPEAT;
		return 1;
	}
	return 0;
}

int64_t keys_next_deadline(const struct keys *k)
{
	if (k->held == KEYS_BACK && !k->long_fired)
		return k->down_at + k->long_ms;
	if (k->held == KEYS_PREV || k->held == KEYS_NEXT)
		return k->next_repeat;
	return INT64_MAX;
}
