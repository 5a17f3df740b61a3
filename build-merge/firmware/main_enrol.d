build-merge/firmware/main_enrol.o: firmware/main_enrol.c \
 firmware/main_enrol.h firmware/app.h firmware/enrol.h firmware/bundle.h \
 firmware/log.h ui/ui.h firmware/app.h firmware/config.h firmware/doc.h \
 firmware/update.h firmware/store.h firmware/doc.h firmware/usb.h
firmware/main_enrol.h:
firmware/app.h:
firmware/enrol.h:
firmware/bundle.h:
firmware/log.h:
ui/ui.h:
firmware/app.h:
firmware/config.h:
firmware/doc.h:
firmware/update.h:
firmware/store.h:
firmware/doc.h:
firmware/usb.h:
