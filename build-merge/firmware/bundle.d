build-merge/firmware/bundle.o: firmware/bundle.c firmware/bundle.h \
 firmware/bundle_int.h firmware/errmsg.h
firmware/bundle.h:
firmware/bundle_int.h:
firmware/errmsg.h:
