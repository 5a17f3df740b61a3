build-merge/tests/test_parse_bad: tests/test_parse_bad.c tests/testutil.h \
 firmware/doc.h firmware/parse.h firmware/doc.h
tests/testutil.h:
firmware/doc.h:
firmware/parse.h:
firmware/doc.h:
