build-merge/firmware/parse_refs.o: firmware/parse_refs.c firmware/norm.h \
 firmware/parse_int.h firmware/doc.h firmware/parse.h
firmware/norm.h:
firmware/parse_int.h:
firmware/doc.h:
firmware/parse.h:
