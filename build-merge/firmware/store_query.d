build-merge/firmware/store_query.o: firmware/store_query.c \
 firmware/store_impl.h firmware/errmsg.h firmware/store.h firmware/doc.h
firmware/store_impl.h:
firmware/errmsg.h:
firmware/store.h:
firmware/doc.h:
