build-merge/tests/test_store: tests/test_store.c firmware/store.h \
 firmware/doc.h tests/storefx.h
firmware/store.h:
firmware/doc.h:
tests/storefx.h:
