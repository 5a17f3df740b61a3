build-merge/firmware/parse.o: firmware/parse.c firmware/front.h \
 firmware/doc.h firmware/parse.h firmware/norm.h firmware/parse_int.h
firmware/front.h:
firmware/doc.h:
firmware/parse.h:
firmware/norm.h:
firmware/parse_int.h:
