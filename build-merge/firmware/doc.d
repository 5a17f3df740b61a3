build-merge/firmware/doc.o: firmware/doc.c firmware/doc.h firmware/norm.h
firmware/doc.h:
firmware/norm.h:
