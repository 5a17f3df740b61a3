#!/usr/bin/env bash
# needs: native
# The buttons end to end against the kernel's gpio-sim driver under qemu,
# through the real libgpiod, v1 and v2: tests/gpiosim/run.sh says how.
exec bash "$SRCDIR/tests/gpiosim/run.sh"
