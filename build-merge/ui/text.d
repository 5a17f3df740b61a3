build-merge/ui/text.o: ui/text.c ui/text_int.h ui/text.h firmware/doc.h
ui/text_int.h:
ui/text.h:
firmware/doc.h:
