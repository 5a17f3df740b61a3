build-merge/firmware/bundle_check.o: firmware/bundle_check.c \
 firmware/bundle.h firmware/bundle_int.h firmware/errmsg.h
firmware/bundle.h:
firmware/bundle_int.h:
firmware/errmsg.h:
