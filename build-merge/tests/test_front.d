build-merge/tests/test_front: tests/test_front.c firmware/front.h \
 firmware/doc.h firmware/parse.h tests/testutil.h firmware/doc.h \
 firmware/parse.h
firmware/front.h:
firmware/doc.h:
firmware/parse.h:
tests/testutil.h:
firmware/doc.h:
firmware/parse.h:
