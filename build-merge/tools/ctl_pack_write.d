build-merge/tools/ctl_pack_write.o: tools/ctl_pack_write.c \
 tools/ctl_pack.h firmware/bundle.h tools/ctl.h firmware/parse.h \
 firmware/doc.h firmware/source.h firmware/log.h firmware/norm.h
tools/ctl_pack.h:
firmware/bundle.h:
tools/ctl.h:
firmware/parse.h:
firmware/doc.h:
firmware/source.h:
firmware/log.h:
firmware/norm.h:
