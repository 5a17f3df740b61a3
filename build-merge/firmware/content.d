build-merge/firmware/content.o: firmware/content.c firmware/content.h \
 firmware/doc.h firmware/store.h firmware/log.h
firmware/content.h:
firmware/doc.h:
firmware/store.h:
firmware/log.h:
