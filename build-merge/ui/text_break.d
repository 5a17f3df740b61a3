build-merge/ui/text_break.o: ui/text_break.c firmware/norm.h \
 ui/text_int.h ui/text.h firmware/doc.h
firmware/norm.h:
ui/text_int.h:
ui/text.h:
firmware/doc.h:
