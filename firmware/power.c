/* SPDX-License-Identifier: MIT */
/* power.c: the display really off at night (power.h): the
 * switching policy around the loop's frames, and its two backends, DPMS of
 * the DRM connectors (libdrm, on SDL's KMSDRM master fd) and HDMI-CEC
 * (the kernel's CEC API, /dev/cec*). */
#define LOG_TAG "power"
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <linux/cec.h>
#include <linux/cec-funcs.h>
#include <xf86drm.h>
#include <xf86drmMode.h>

#include "log.h"
#include "power.h"

#define POWER_WAIT_MS 500

static int power_err(char *err, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int power_err(char *err, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, size, fmt, ap);
	va_end(ap);
	return -1;
}

void power_init(struct power *p)
{
	memset(p, 0, sizeof *p);
}

int power_add(struct power *p, const struct power_backend *be)
{
	if (p->n == POWER_BACKENDS) {
		if (be->free)
			be->free(be->ctx);
		return -1;
	}
	p->be[p->n++] = *be;
	return 0;
}

void power_free(struct power *p)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->be[i].free)
			p->be[i].free(p->be[i].ctx);
	p->n = 0;
}

/* Switches every backend; true when at least one did it. */
static bool power_switch(struct power *p, bool on)
{
	char err[POWER_ERR_MAX];
	bool any = false;

	for (size_t i = 0; i < p->n; i++) {
		unsigned bit = 1u << i;
		if (p->be[i].set(p->be[i].ctx, on, err, sizeof err) == 0) {
			if (p->failed & bit)
				log_info("display %s through %s again", on ? "on" : "off",
					 p->be[i].name);
			p->failed &= ~bit;
			any = true;
			continue;
		}
		if (!(p->failed & bit))
			log_warning("cannot switch the display %s through %s: %s", on ? "on" : "off",
				    p->be[i].name, err);
		p->failed |= bit;
	}
	return any;
}

bool power_before(struct power *p, bool sleeping)
{
	if (sleeping || !p->off)
		return !p->off;
	/* Waking: on first, then the frame. Off only if nothing switched it
	 * on (then nothing switched it off either, in practice). */
	power_switch(p, true);
	p->off = false;
	log_info("display on");
	return true;
}

void power_after(struct power *p, bool sleeping)
{
	if (!sleeping || p->off || p->n == 0)
		return;
	if (power_switch(p, false)) {
		p->off = true;
		log_info("display off until the sleep window ends or a button is pressed");
	}
}

/* DRM ------------------------------------------------------------------- */

struct power_drm_ctx {
	int fd;
};

/* The connector's property named "DPMS"; 0 when it has none. */
static uint32_t power_dpms_prop(int fd, uint32_t connector)
{
	drmModeObjectProperties *props =
		drmModeObjectGetProperties(fd, connector, DRM_MODE_OBJECT_CONNECTOR);
	uint32_t id = 0;

	for (uint32_t i = 0; props && i < props->count_props && !id; i++) {
		drmModePropertyRes *pr = drmModeGetProperty(fd, props->props[i]);
		if (pr && strcmp(pr->name, "DPMS") == 0)
			id = pr->prop_id;
		drmModeFreeProperty(pr);
	}
	drmModeFreeObjectProperties(props);
	return id;
}

static int power_drm_set(void *ctx, bool on, char *err, size_t errsize)
{
	struct power_drm_ctx *c = ctx;
	drmModeRes *res = drmModeGetResources(c->fd);
	int done = 0, r;

	*err = '\0';
	if (!res)
		return power_err(err, errsize, "DRM: no mode-setting resources: %s",
				      strerror(errno));
	for (int i = 0; i < res->count_connectors; i++) {
		drmModeConnector *con = drmModeGetConnector(c->fd, res->connectors[i]);
		uint32_t prop;

		if (!con)
			continue;
		if (con->connection == DRM_MODE_CONNECTED &&
		    (prop = power_dpms_prop(c->fd, con->connector_id)) != 0) {
			r = drmModeConnectorSetProperty(c->fd, con->connector_id, prop,
							on ? DRM_MODE_DPMS_ON : DRM_MODE_DPMS_OFF);
			if (r == 0)
				done++;
			else
				power_err(err, errsize, "DRM connector %u: DPMS %s: %s",
					       con->connector_id, on ? "on" : "off", strerror(-r));
		}
		drmModeFreeConnector(con);
	}
	drmModeFreeResources(res);
	if (done == 0 && !*err)
		return power_err(err, errsize, "DRM: no connected connector with DPMS");
	return done ? 0 : -1;
}

int power_drm(int fd, struct power_backend *be, char *err, size_t errsize)
{
	struct power_drm_ctx *c;
	drmModeRes *res;

	if (fd < 0)
		return power_err(err, errsize, "no DRM device (not on KMSDRM)");
	if (!(res = drmModeGetResources(fd)))
		return power_err(err, errsize, "the DRM device has no mode setting");
	drmModeFreeResources(res);
	if (!(c = malloc(sizeof *c)))
		return power_err(err, errsize, "out of memory");
	c->fd = fd;
	*be = (struct power_backend){ "DRM DPMS", c, power_drm_set, free };
	return 0;
}

/* Whether the device at path offers mode setting with some connector. */
static bool power_drm_usable(const char *path)
{
	int fd = open(path, O_RDWR | O_CLOEXEC);
	drmModeRes *res;
	bool ok;

	if (fd < 0)
		return false;
	res = drmModeGetResources(fd);
	ok = res && res->count_connectors > 0;
	drmModeFreeResources(res);
	close(fd);
	return ok;
}

void power_wait_drm(void (*wait)(void *ctx, const char *why), void *ctx)
{
	const struct timespec pause = { 0, POWER_WAIT_MS * 1000000L };
	bool said = false;

	for (;;) {
		glob_t g;
		bool found = false;

		if (glob("/dev/dri/card*", 0, NULL, &g) == 0) {
			for (size_t i = 0; i < g.gl_pathc && !found; i++)
				found = power_drm_usable(g.gl_pathv[i]);
			globfree(&g);
		}
		if (found) {
			if (said)
				log_info("a DRM device with a display is there now");
			return;
		}
		if (!said)
			log_notice("waiting for a DRM device with a display (/dev/dri/card*): "
				   "its driver has not bound yet");
		said = true;
		wait(ctx, "waiting for a DRM device (/dev/dri/card*)");
		nanosleep(&pause, NULL);
	}
}

/* CEC ------------------------------------------------------------------- */

struct power_cec_ctx {
	int fd;
	char path[64];
};

static int power_cec_send(struct power_cec_ctx *c, struct cec_msg *msg, char *err,
			       size_t errsize)
{
	if (ioctl(c->fd, CEC_TRANSMIT, msg) != 0)
		return power_err(err, errsize, "%s: transmit: %s", c->path, strerror(errno));
	if (!(msg->tx_status & CEC_TX_STATUS_OK))
		return power_err(err, errsize, "%s: the message was not acknowledged "
				      "(tx status 0x%x)", c->path, msg->tx_status);
	return 0;
}

/* Our logical address: the one the adapter has, else one claimed now as a
 * playback device (the kernel picks a free address). */
static int power_cec_addr(struct power_cec_ctx *c, uint8_t *la, char *err,
			       size_t errsize)
{
	struct cec_log_addrs laddrs;

	memset(&laddrs, 0, sizeof laddrs);
	if (ioctl(c->fd, CEC_ADAP_G_LOG_ADDRS, &laddrs) != 0)
		return power_err(err, errsize, "%s: logical addresses: %s", c->path,
				      strerror(errno));
	if (laddrs.num_log_addrs == 0) {
		memset(&laddrs, 0, sizeof laddrs);
		laddrs.cec_version = CEC_OP_CEC_VERSION_1_4;
		laddrs.vendor_id = CEC_VENDOR_ID_NONE;
		snprintf(laddrs.osd_name, sizeof laddrs.osd_name, "bangtin");
		laddrs.num_log_addrs = 1;
		laddrs.log_addr_type[0] = CEC_LOG_ADDR_TYPE_PLAYBACK;
		laddrs.primary_device_type[0] = CEC_OP_PRIM_DEVTYPE_PLAYBACK;
		laddrs.all_device_types[0] = CEC_OP_ALL_DEVTYPE_PLAYBACK;
		if (ioctl(c->fd, CEC_ADAP_S_LOG_ADDRS, &laddrs) != 0)
			return power_err(err, errsize, "%s: cannot claim a logical address: %s",
					      c->path, strerror(errno));
	}
	if (laddrs.log_addr[0] == CEC_LOG_ADDR_INVALID)
		return power_err(err, errsize, "%s: no logical address (no TV answers?)",
				      c->path);
	*la = laddrs.log_addr[0];
	return 0;
}

static int power_cec_set(void *ctx, bool on, char *err, size_t errsize)
{
	struct power_cec_ctx *c = ctx;
	struct cec_msg msg;
	uint16_t pa = CEC_PHYS_ADDR_INVALID;
	uint8_t la = CEC_LOG_ADDR_INVALID;

	if (power_cec_addr(c, &la, err, errsize) != 0)
		return -1;
	cec_msg_init(&msg, la, CEC_LOG_ADDR_TV);
	if (!on) {
		cec_msg_standby(&msg);
		return power_cec_send(c, &msg, err, errsize);
	}
	cec_msg_image_view_on(&msg);
	if (power_cec_send(c, &msg, err, errsize) != 0)
		return -1;
	if (ioctl(c->fd, CEC_ADAP_G_PHYS_ADDR, &pa) != 0 || pa == CEC_PHYS_ADDR_INVALID)
		return 0; /* the TV is on; it just may show another input */
	cec_msg_init(&msg, la, CEC_LOG_ADDR_BROADCAST);
	cec_msg_active_source(&msg, pa);
	return power_cec_send(c, &msg, err, errsize);
}

static void power_cec_free(void *ctx)
{
	struct power_cec_ctx *c = ctx;

	close(c->fd);
	free(c);
}

int power_cec(struct power_backend *be, char *err, size_t errsize)
{
	struct power_cec_ctx *c;
	struct cec_caps caps;
	glob_t g;
	int fd = -1;
	uint32_t mode = CEC_MODE_INITIATOR;

	power_err(err, errsize, "no HDMI-CEC device (/dev/cec*)");
	if (glob("/dev/cec*", 0, NULL, &g) != 0)
		return -1;
	for (size_t i = 0; i < g.gl_pathc && fd < 0; i++) {
		uint16_t pa = CEC_PHYS_ADDR_INVALID;

		if ((fd = open(g.gl_pathv[i], O_RDWR | O_CLOEXEC)) < 0) {
			power_err(err, errsize, "%s: %s", g.gl_pathv[i], strerror(errno));
			continue;
		}
		/* An adapter without a physical address has no TV behind it
		 * (a Pi 4's second HDMI port, unplugged); one at 0.0.0.0 is a
		 * TV's own (an HDMI input), not a source's like ours. */
		if (ioctl(fd, CEC_ADAP_G_CAPS, &caps) != 0 || !(caps.capabilities & CEC_CAP_LOG_ADDRS) ||
		    ioctl(fd, CEC_ADAP_G_PHYS_ADDR, &pa) != 0 || pa == CEC_PHYS_ADDR_INVALID ||
		    pa == 0 || ioctl(fd, CEC_S_MODE, &mode) != 0) {
			power_err(err, errsize, "%s: no TV connected", g.gl_pathv[i]);
			close(fd);
			fd = -1;
			continue;
		}
		if (!(c = malloc(sizeof *c))) {
			close(fd);
			globfree(&g);
			return power_err(err, errsize, "out of memory");
		}
		c->fd = fd;
		snprintf(c->path, sizeof c->path, "%s", g.gl_pathv[i]);
		*be = (struct power_backend){ "HDMI-CEC", c, power_cec_set,
						   power_cec_free };
	}
	globfree(&g);
	return fd < 0 ? -1 : 0;
}
