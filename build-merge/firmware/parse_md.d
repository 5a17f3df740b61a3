build-merge/firmware/parse_md.o: firmware/parse_md.c firmware/parse_int.h \
 firmware/doc.h firmware/parse.h
firmware/parse_int.h:
firmware/doc.h:
firmware/parse.h:
