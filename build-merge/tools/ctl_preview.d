build-merge/tools/ctl_preview.o: tools/ctl_preview.c firmware/bundle.h \
 firmware/content.h firmware/doc.h firmware/store.h tools/ctl.h \
 firmware/parse.h firmware/source.h firmware/log.h firmware/store.h
firmware/bundle.h:
firmware/content.h:
firmware/doc.h:
firmware/store.h:
tools/ctl.h:
firmware/parse.h:
firmware/source.h:
firmware/log.h:
firmware/store.h:
