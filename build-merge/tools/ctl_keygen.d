build-merge/tools/ctl_keygen.o: tools/ctl_keygen.c firmware/bundle.h \
 tools/ctl.h firmware/parse.h firmware/doc.h firmware/source.h \
 firmware/log.h
firmware/bundle.h:
tools/ctl.h:
firmware/parse.h:
firmware/doc.h:
firmware/source.h:
firmware/log.h:
