build-merge/tools/ctl_show.o: tools/ctl_show.c tools/ctl.h \
 firmware/parse.h firmware/doc.h firmware/source.h firmware/log.h \
 firmware/store.h
tools/ctl.h:
firmware/parse.h:
firmware/doc.h:
firmware/source.h:
firmware/log.h:
firmware/store.h:
