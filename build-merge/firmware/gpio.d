build-merge/firmware/gpio.o: firmware/gpio.c firmware/gpio_int.h \
 firmware/errmsg.h firmware/gpio.h firmware/buttons.h firmware/app.h \
 firmware/config.h
firmware/gpio_int.h:
firmware/errmsg.h:
firmware/gpio.h:
firmware/buttons.h:
firmware/app.h:
firmware/config.h:
