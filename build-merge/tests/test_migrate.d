build-merge/tests/test_migrate: tests/test_migrate.c firmware/store.h \
 firmware/doc.h tests/storefx.h
firmware/store.h:
firmware/doc.h:
tests/storefx.h:
