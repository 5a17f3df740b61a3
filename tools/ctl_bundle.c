/* SPDX-License-Identifier: MIT */
/* ctl_bundle: the documents of a bundle (or of a folder about to become one),
 * read and parsed exactly as the kiosk parses them; shared by pack, verify
 * and preview. */
#define LOG_TAG "bundle"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "ctl.h"
#include "log.h"

void ctl_note_converted(const struct source_set *set)
{
	for (size_t i = 0; i < set->n; i++)
		if (set->items[i].converted_from)
			log_notice("%s: saved as %s (Notepad's \"Unicode\"): read as UTF-8",
				   set->items[i].path, set->items[i].converted_from);
}

int ctl_parse_files(struct ctl_parsed *p)
{
	p->results = calloc(p->files.n ? p->files.n : 1, sizeof *p->results);
	if (!p->results) {
		log_error("out of memory");
		return -1;
	}
	p->ndocs = p->nbad = 0;
	for (size_t i = 0; i < p->files.n; i++) {
		const struct source_item *src = &p->files.items[i];
		struct parse_result *res = &p->results[i];
		if (parse_buffer(src->path, src->bytes, src->len, NULL, res) != 0 ||
		    res->nerrors > 0)
			p->nbad++;
		p->ndocs += res->ndocs;
	}
	return 0;
}

int ctl_bundle_parse(const char *dir, const struct bundle_manifest *m, struct ctl_parsed *p,
		     char *err, size_t errsize)
{
	char **paths = calloc(m->nfiles ? m->nfiles : 1, sizeof *paths);
	int rc = -1;

	if (!paths) {
		snprintf(err, errsize, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < m->nfiles; i++) {
		size_t n = strlen(dir) + strlen(m->files[i].path) + 2;
		paths[i] = malloc(n);
		if (!paths[i]) {
			snprintf(err, errsize, "out of memory");
			goto out;
		}
		snprintf(paths[i], n, "%s/%s", dir, m->files[i].path);
	}
	if (m->nfiles == 0) {
		p->files.n = 0; /* source_read refuses an empty list of paths */
	} else if (source_read((const char *const *)paths, m->nfiles,
			       parse_limits_default().max_bytes, &p->files, err, errsize) != 0) {
		goto out;
	}
	if (ctl_parse_files(p) != 0) {
		snprintf(err, errsize, "out of memory");
		goto out;
	}
	rc = 0;
out:
	for (size_t i = 0; i < m->nfiles; i++)
		free(paths[i]);
	free(paths);
	return rc;
}

enum log_level ctl_diag_level(const struct parse_diag *d)
{
	return d->severity == PARSE_ERROR ? LOG_LEVEL_ERROR : LOG_LEVEL_WARNING;
}

void ctl_parsed_log(const struct ctl_parsed *p, bool warnings)
{
	char line[512];

	for (size_t i = 0; p->results && i < p->files.n; i++) {
		const struct parse_result *res = &p->results[i];
		for (size_t k = 0; k < res->ndiags; k++) {
			const struct parse_diag *d = &res->diags[k];
			if (d->severity != PARSE_ERROR && !warnings)
				continue;
			log_line(ctl_diag_level(d), "%s",
				 parse_diag_format(p->files.items[i].path, d, line, sizeof line));
		}
	}
}

void ctl_parsed_free(struct ctl_parsed *p)
{
	for (size_t i = 0; p->results && i < p->files.n; i++)
		parse_result_free(&p->results[i]);
	free(p->results);
	source_set_free(&p->files);
	*p = (struct ctl_parsed){ 0 };
}
