build-merge/firmware/log.o: firmware/log.c firmware/log.h
firmware/log.h:
