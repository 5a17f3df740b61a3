build-merge/tests/test_power: tests/test_power.c firmware/power.h
firmware/power.h:
