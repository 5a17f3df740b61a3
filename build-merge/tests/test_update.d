build-merge/tests/test_update: tests/test_update.c tests/bundlefx.h \
 firmware/bundle.h firmware/content.h firmware/doc.h firmware/store.h \
 firmware/store.h firmware/update.h firmware/bundle.h
tests/bundlefx.h:
firmware/bundle.h:
firmware/content.h:
firmware/doc.h:
firmware/store.h:
firmware/store.h:
firmware/update.h:
firmware/bundle.h:
