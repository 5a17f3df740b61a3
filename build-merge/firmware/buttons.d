build-merge/firmware/buttons.o: firmware/buttons.c firmware/buttons.h \
 firmware/app.h
firmware/buttons.h:
firmware/app.h:
