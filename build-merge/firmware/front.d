build-merge/firmware/front.o: firmware/front.c firmware/front.h \
 firmware/doc.h firmware/parse.h firmware/errmsg.h firmware/norm.h
firmware/front.h:
firmware/doc.h:
firmware/parse.h:
firmware/errmsg.h:
firmware/norm.h:
