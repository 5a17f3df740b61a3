build-merge/firmware/usb.o: firmware/usb.c firmware/usb_int.h \
 firmware/errmsg.h firmware/usb.h
firmware/usb_int.h:
firmware/errmsg.h:
firmware/usb.h:
