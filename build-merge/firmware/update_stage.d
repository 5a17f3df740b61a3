build-merge/firmware/update_stage.o: firmware/update_stage.c \
 firmware/update_int.h firmware/update.h firmware/bundle.h \
 firmware/store.h firmware/doc.h
firmware/update_int.h:
firmware/update.h:
firmware/bundle.h:
firmware/store.h:
firmware/doc.h:
