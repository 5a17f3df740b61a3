build-merge/tests/test_crash: tests/test_crash.c tests/bundlefx.h \
 firmware/bundle.h firmware/store.h firmware/doc.h firmware/update.h \
 firmware/bundle.h firmware/store.h
tests/bundlefx.h:
firmware/bundle.h:
firmware/store.h:
firmware/doc.h:
firmware/update.h:
firmware/bundle.h:
firmware/store.h:
