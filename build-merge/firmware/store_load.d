build-merge/firmware/store_load.o: firmware/store_load.c \
 firmware/store_impl.h firmware/errmsg.h firmware/store.h firmware/doc.h
firmware/store_impl.h:
firmware/errmsg.h:
firmware/store.h:
firmware/doc.h:
