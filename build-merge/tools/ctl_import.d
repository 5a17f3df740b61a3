build-merge/tools/ctl_import.o: tools/ctl_import.c tools/ctl.h \
 firmware/parse.h firmware/doc.h firmware/source.h firmware/log.h \
 firmware/norm.h firmware/store.h
tools/ctl.h:
firmware/parse.h:
firmware/doc.h:
firmware/source.h:
firmware/log.h:
firmware/norm.h:
firmware/store.h:
