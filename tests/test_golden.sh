#!/bin/sh
# Every screen of the kiosk, drawn by `bangtin --shot` in landscape and
# portrait, matches its golden screenshot in tests/golden/ within a small
# tolerance (tests/golden.sh says how; `make golden` regenerates them after
# an intended change of the drawing).
set -eu
SRCDIR=${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
exec sh "$SRCDIR/tests/golden.sh"
