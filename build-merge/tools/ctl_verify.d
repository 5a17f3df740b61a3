build-merge/tools/ctl_verify.o: tools/ctl_verify.c firmware/bundle.h \
 tools/ctl.h firmware/parse.h firmware/doc.h firmware/source.h \
 firmware/log.h firmware/store.h firmware/update.h firmware/bundle.h \
 firmware/store.h
firmware/bundle.h:
tools/ctl.h:
firmware/parse.h:
firmware/doc.h:
firmware/source.h:
firmware/log.h:
firmware/store.h:
firmware/update.h:
firmware/bundle.h:
firmware/store.h:
