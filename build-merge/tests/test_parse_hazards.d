build-merge/tests/test_parse_hazards: tests/test_parse_hazards.c \
 tests/testutil.h firmware/doc.h firmware/parse.h firmware/doc.h
tests/testutil.h:
firmware/doc.h:
firmware/parse.h:
firmware/doc.h:
