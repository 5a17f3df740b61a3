build-merge/firmware/content_note.o: firmware/content_note.c \
 firmware/content.h firmware/doc.h firmware/store.h firmware/log.h \
 firmware/norm.h
firmware/content.h:
firmware/doc.h:
firmware/store.h:
firmware/log.h:
firmware/norm.h:
