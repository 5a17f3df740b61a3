/* SPDX-License-Identifier: MIT */
/*
 * main_update_int: what the update thread (main_update.c) and the loop's
 * side of it (main_update_view.c) share and nobody else includes: the
 * struct, whose fields are each the thread's, the loop's, or shared under
 * the lock.
 */
#ifndef BANGTIN_MAIN_UPDATE_INT_H
#define BANGTIN_MAIN_UPDATE_INT_H

#include <pthread.h>

#include "main_enrol.h"
#include "main_frames.h"
#include "main_update.h"
#include "usb.h"

struct main_update {
	/* the thread's own */
	pthread_t thread;
	bool started;
	int wake[2];
	struct usb_watch *watch;
	struct store *st;
	char staging[CONFIG_PATH_MAX];
	char keys_dir[CONFIG_PATH_MAX];
	char report_socket[CONFIG_PATH_MAX];
	uint32_t type;
	bool enrol_allowed;        /* [update] enrol */
	struct main_enrol *enrol;  /* a key from a stick: the question to the loop */

	pthread_mutex_t lock;      /* guards stop, abandon, finished and shared */
	pthread_cond_t done;       /* signalled when finished is set */
	bool stop;
	bool abandon;              /* the loop gave up on this update (live.h) */
	bool finished;             /* the thread has returned */
	struct main_update_state shared;

	/* the loop's own */
	struct main_update_state seen;
	unsigned results_seen;
	int64_t show_until_ms;     /* the result overlay shows until then */
	int64_t next_frame_ms;     /* while busy: the next paced frame */
	char text[UPDATE_MSG_MAX + 64];
	struct main_frames frames; /* frame intervals while busy, for the log */
};

#endif
