build-merge/firmware/parse_parts.o: firmware/parse_parts.c \
 firmware/norm.h firmware/parse_doc.h firmware/parse_int.h firmware/doc.h \
 firmware/parse.h
firmware/norm.h:
firmware/parse_doc.h:
firmware/parse_int.h:
firmware/doc.h:
firmware/parse.h:
