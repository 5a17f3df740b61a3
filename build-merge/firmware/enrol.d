build-merge/firmware/enrol.o: firmware/enrol.c firmware/enrol.h \
 firmware/bundle.h firmware/errmsg.h
firmware/enrol.h:
firmware/bundle.h:
firmware/errmsg.h:
