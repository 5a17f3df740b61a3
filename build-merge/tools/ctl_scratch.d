build-merge/tools/ctl_scratch.o: tools/ctl_scratch.c tools/ctl.h \
 firmware/parse.h firmware/doc.h firmware/source.h firmware/log.h \
 firmware/store.h
tools/ctl.h:
firmware/parse.h:
firmware/doc.h:
firmware/source.h:
firmware/log.h:
firmware/store.h:
