/* SPDX-License-Identifier: MIT */
/*
 * main_shot: `bangtin --shot`, one frame of a named screen at a given time
 * drawn with the software renderer into a PNG instead of running the loop;
 * with --bench it times the drawing.
 */
#ifndef BANGTIN_MAIN_SHOT_H
#define BANGTIN_MAIN_SHOT_H

#include "main.h"

/* Draws the screen named by k->opt.screen at k->opt.time into k->opt.shot
 * (or times it with --bench). Returns the exit status. */
int main_shot(struct kiosk *k);

#endif
