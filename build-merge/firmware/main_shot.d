build-merge/firmware/main_shot.o: firmware/main_shot.c firmware/log.h \
 firmware/main.h firmware/app.h firmware/buttons.h firmware/config.h \
 firmware/content.h firmware/doc.h firmware/store.h firmware/gpio.h \
 firmware/live.h firmware/power.h ui/ui.h firmware/app.h \
 firmware/config.h firmware/doc.h firmware/update.h firmware/bundle.h
firmware/log.h:
firmware/main.h:
firmware/app.h:
firmware/buttons.h:
firmware/config.h:
firmware/content.h:
firmware/doc.h:
firmware/store.h:
firmware/gpio.h:
firmware/live.h:
firmware/power.h:
ui/ui.h:
firmware/app.h:
firmware/config.h:
firmware/doc.h:
firmware/update.h:
firmware/bundle.h:
