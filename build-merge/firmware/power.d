build-merge/firmware/power.o: firmware/power.c firmware/log.h \
 firmware/power.h
firmware/log.h:
firmware/power.h:
