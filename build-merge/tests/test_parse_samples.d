build-merge/tests/test_parse_samples: tests/test_parse_samples.c \
 tests/testutil.h firmware/doc.h firmware/parse.h firmware/doc.h
tests/testutil.h:
firmware/doc.h:
firmware/parse.h:
firmware/doc.h:
