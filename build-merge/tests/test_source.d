build-merge/tests/test_source: tests/test_source.c firmware/source.h
firmware/source.h:
