build-merge/tests/test_content: tests/test_content.c firmware/content.h \
 firmware/doc.h firmware/store.h tests/storefx.h firmware/store.h \
 tests/testutil.h firmware/doc.h firmware/parse.h
firmware/content.h:
firmware/doc.h:
firmware/store.h:
tests/storefx.h:
firmware/store.h:
tests/testutil.h:
firmware/doc.h:
firmware/parse.h:
