build-merge/tests/test_config: tests/test_config.c firmware/config.h
firmware/config.h:
