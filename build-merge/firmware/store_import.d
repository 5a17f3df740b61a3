build-merge/firmware/store_import.o: firmware/store_import.c \
 firmware/store_impl.h firmware/errmsg.h firmware/store.h firmware/doc.h
firmware/store_impl.h:
firmware/errmsg.h:
firmware/store.h:
firmware/doc.h:
