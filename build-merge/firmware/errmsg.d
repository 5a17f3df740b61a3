build-merge/firmware/errmsg.o: firmware/errmsg.c firmware/errmsg.h
firmware/errmsg.h:
