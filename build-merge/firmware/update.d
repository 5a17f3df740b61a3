build-merge/firmware/update.o: firmware/update.c firmware/update_int.h \
 firmware/update.h firmware/bundle.h firmware/store.h firmware/doc.h
firmware/update_int.h:
firmware/update.h:
firmware/bundle.h:
firmware/store.h:
firmware/doc.h:
