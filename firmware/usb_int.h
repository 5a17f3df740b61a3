/* SPDX-License-Identifier: MIT */
/*
 * usb_int: what the usb module's files (usb.c, usb_watch.c, usb_report.c)
 * share and nobody else includes.
 */
#ifndef BANGTIN_USB_INT_H
#define BANGTIN_USB_INT_H

#include "errmsg.h"
#include "usb.h"

#define usb_fail errmsg_set

/* Frees one parsed line's strings and zeroes it. */
void usb_mount_clear(struct usb_mount *m);

/* Reads the whole of fd from its start into a malloc'ed buffer (at most
 * 16 MiB: a mount table bigger is not a kiosk's); NULL with err. */
char *usb_read_all(int fd, size_t *len, char *err, size_t errsize);

#endif
