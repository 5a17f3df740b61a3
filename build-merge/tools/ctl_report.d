build-merge/tools/ctl_report.o: tools/ctl_report.c tools/ctl.h \
 firmware/parse.h firmware/doc.h firmware/source.h firmware/log.h
tools/ctl.h:
firmware/parse.h:
firmware/doc.h:
firmware/source.h:
firmware/log.h:
