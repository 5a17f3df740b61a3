build-merge/firmware/live.o: firmware/live.c firmware/log.h \
 firmware/live.h
firmware/log.h:
firmware/live.h:
