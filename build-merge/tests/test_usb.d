build-merge/tests/test_usb: tests/test_usb.c firmware/usb.h
firmware/usb.h:
