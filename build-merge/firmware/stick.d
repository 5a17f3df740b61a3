build-merge/firmware/stick.o: firmware/stick.c firmware/stick.h \
 firmware/errmsg.h firmware/usb.h
firmware/stick.h:
firmware/errmsg.h:
firmware/usb.h:
