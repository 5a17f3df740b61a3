build-merge/tests/test_log: tests/test_log.c firmware/log.h
firmware/log.h:
