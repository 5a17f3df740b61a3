build-merge/tests/test_live: tests/test_live.c firmware/live.h
firmware/live.h:
