build-merge/firmware/usb_watch.o: firmware/usb_watch.c firmware/log.h \
 firmware/usb_int.h firmware/errmsg.h firmware/usb.h
firmware/log.h:
firmware/usb_int.h:
firmware/errmsg.h:
firmware/usb.h:
