build-merge/firmware/parse_doc.o: firmware/parse_doc.c firmware/norm.h \
 firmware/parse_doc.h firmware/parse_int.h firmware/doc.h \
 firmware/parse.h
firmware/norm.h:
firmware/parse_doc.h:
firmware/parse_int.h:
firmware/doc.h:
firmware/parse.h:
