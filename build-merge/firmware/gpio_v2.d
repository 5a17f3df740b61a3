build-merge/firmware/gpio_v2.o: firmware/gpio_v2.c firmware/gpio_int.h \
 firmware/errmsg.h firmware/gpio.h firmware/buttons.h firmware/app.h \
 firmware/config.h
firmware/gpio_int.h:
firmware/errmsg.h:
firmware/gpio.h:
firmware/buttons.h:
firmware/app.h:
firmware/config.h:
