build-merge/tools/ctl_bundle.o: tools/ctl_bundle.c firmware/bundle.h \
 tools/ctl.h firmware/parse.h firmware/doc.h firmware/source.h \
 firmware/log.h
firmware/bundle.h:
tools/ctl.h:
firmware/parse.h:
firmware/doc.h:
firmware/source.h:
firmware/log.h:
