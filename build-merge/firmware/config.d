build-merge/firmware/config.o: firmware/config.c firmware/config.h \
 firmware/errmsg.h firmware/gpio.h firmware/buttons.h firmware/app.h \
 firmware/norm.h firmware/source.h firmware/usb.h
firmware/config.h:
firmware/errmsg.h:
firmware/gpio.h:
firmware/buttons.h:
firmware/app.h:
firmware/norm.h:
firmware/source.h:
firmware/usb.h:
