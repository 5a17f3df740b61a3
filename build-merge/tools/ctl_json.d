build-merge/tools/ctl_json.o: tools/ctl_json.c tools/ctl.h \
 firmware/parse.h firmware/doc.h firmware/source.h firmware/norm.h \
 firmware/store.h
tools/ctl.h:
firmware/parse.h:
firmware/doc.h:
firmware/source.h:
firmware/norm.h:
firmware/store.h:
