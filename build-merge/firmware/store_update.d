build-merge/firmware/store_update.o: firmware/store_update.c \
 firmware/store_impl.h firmware/errmsg.h firmware/store.h firmware/doc.h
firmware/store_impl.h:
firmware/errmsg.h:
firmware/store.h:
firmware/doc.h:
