build-merge/tests/test_gpio: tests/test_gpio.c firmware/config.h \
 firmware/gpio_int.h firmware/errmsg.h firmware/gpio.h firmware/buttons.h \
 firmware/app.h firmware/config.h
firmware/config.h:
firmware/gpio_int.h:
firmware/errmsg.h:
firmware/gpio.h:
firmware/buttons.h:
firmware/app.h:
firmware/config.h:
