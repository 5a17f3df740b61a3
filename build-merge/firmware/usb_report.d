build-merge/firmware/usb_report.o: firmware/usb_report.c \
 firmware/usb_int.h firmware/errmsg.h firmware/usb.h
firmware/usb_int.h:
firmware/errmsg.h:
firmware/usb.h:
