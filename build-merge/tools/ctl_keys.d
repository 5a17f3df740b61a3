build-merge/tools/ctl_keys.o: tools/ctl_keys.c tools/ctl.h \
 firmware/parse.h firmware/doc.h firmware/source.h firmware/log.h
tools/ctl.h:
firmware/parse.h:
firmware/doc.h:
firmware/source.h:
firmware/log.h:
