build-merge/tests/test_doc: tests/test_doc.c tests/testutil.h \
 firmware/doc.h firmware/parse.h firmware/doc.h
tests/testutil.h:
firmware/doc.h:
firmware/parse.h:
firmware/doc.h:
