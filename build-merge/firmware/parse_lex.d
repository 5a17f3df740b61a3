build-merge/firmware/parse_lex.o: firmware/parse_lex.c firmware/norm.h \
 firmware/parse_int.h firmware/doc.h firmware/parse.h
firmware/norm.h:
firmware/parse_int.h:
firmware/doc.h:
firmware/parse.h:
