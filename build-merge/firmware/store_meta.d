build-merge/firmware/store_meta.o: firmware/store_meta.c \
 firmware/store_impl.h firmware/errmsg.h firmware/store.h firmware/doc.h
firmware/store_impl.h:
firmware/errmsg.h:
firmware/store.h:
firmware/doc.h:
