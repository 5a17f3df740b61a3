build-merge/firmware/source.o: firmware/source.c firmware/source.h \
 firmware/errmsg.h firmware/norm.h
firmware/source.h:
firmware/errmsg.h:
firmware/norm.h:
