build-merge/firmware/update_apply.o: firmware/update_apply.c \
 firmware/parse.h firmware/doc.h firmware/update_int.h firmware/update.h \
 firmware/bundle.h firmware/store.h
firmware/parse.h:
firmware/doc.h:
firmware/update_int.h:
firmware/update.h:
firmware/bundle.h:
firmware/store.h:
