build-merge/firmware/parse_line.o: firmware/parse_line.c firmware/norm.h \
 firmware/parse_doc.h firmware/parse_int.h firmware/doc.h \
 firmware/parse.h
firmware/norm.h:
firmware/parse_doc.h:
firmware/parse_int.h:
firmware/doc.h:
firmware/parse.h:
