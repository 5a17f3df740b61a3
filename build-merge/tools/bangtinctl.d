build-merge/tools/bangtinctl.o: tools/bangtinctl.c tools/ctl.h \
 firmware/parse.h firmware/doc.h firmware/source.h firmware/log.h
tools/ctl.h:
firmware/parse.h:
firmware/doc.h:
firmware/source.h:
firmware/log.h:
