build-merge/tests/test_buttons: tests/test_buttons.c firmware/buttons.h \
 firmware/app.h
firmware/buttons.h:
firmware/app.h:
