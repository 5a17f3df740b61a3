build-merge/firmware/bundle_manifest.o: firmware/bundle_manifest.c \
 firmware/bundle.h firmware/bundle_int.h firmware/errmsg.h \
 firmware/norm.h
firmware/bundle.h:
firmware/bundle_int.h:
firmware/errmsg.h:
firmware/norm.h:
