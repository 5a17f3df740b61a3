build-merge/firmware/bundle_key.o: firmware/bundle_key.c \
 firmware/bundle.h firmware/bundle_int.h firmware/errmsg.h
firmware/bundle.h:
firmware/bundle_int.h:
firmware/errmsg.h:
