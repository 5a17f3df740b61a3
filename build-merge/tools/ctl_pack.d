build-merge/tools/ctl_pack.o: tools/ctl_pack.c firmware/bundle.h \
 tools/ctl.h firmware/parse.h firmware/doc.h firmware/source.h \
 tools/ctl_pack.h firmware/log.h firmware/norm.h
firmware/bundle.h:
tools/ctl.h:
firmware/parse.h:
firmware/doc.h:
firmware/source.h:
tools/ctl_pack.h:
firmware/log.h:
firmware/norm.h:
