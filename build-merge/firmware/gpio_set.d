build-merge/firmware/gpio_set.o: firmware/gpio_set.c firmware/gpio_int.h \
 firmware/errmsg.h firmware/gpio.h firmware/buttons.h firmware/app.h \
 firmware/config.h
firmware/gpio_int.h:
firmware/errmsg.h:
firmware/gpio.h:
firmware/buttons.h:
firmware/app.h:
firmware/config.h:
