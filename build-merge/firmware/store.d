build-merge/firmware/store.o: firmware/store.c firmware/norm.h \
 firmware/store_impl.h firmware/errmsg.h firmware/store.h firmware/doc.h \
 firmware/store_migrations.h
firmware/norm.h:
firmware/store_impl.h:
firmware/errmsg.h:
firmware/store.h:
firmware/doc.h:
firmware/store_migrations.h:
