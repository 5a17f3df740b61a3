build-merge/firmware/parse_finish.o: firmware/parse_finish.c \
 firmware/norm.h firmware/parse_doc.h firmware/parse_int.h firmware/doc.h \
 firmware/parse.h
firmware/norm.h:
firmware/parse_doc.h:
firmware/parse_int.h:
firmware/doc.h:
firmware/parse.h:
