build-merge/tests/test_store_damaged: tests/test_store_damaged.c \
 tests/storefx.h firmware/store.h firmware/doc.h tests/testutil.h \
 firmware/doc.h firmware/parse.h
tests/storefx.h:
firmware/store.h:
firmware/doc.h:
tests/testutil.h:
firmware/doc.h:
firmware/parse.h:
