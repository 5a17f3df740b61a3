build-merge/tests/test_keys: tests/test_keys.c firmware/buttons.h \
 firmware/app.h
firmware/buttons.h:
firmware/app.h:
