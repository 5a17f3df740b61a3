build-merge/bangtin-stick-report: firmware/system/bangtin-stick-report.c \
 firmware/log.h firmware/stick.h
firmware/log.h:
firmware/stick.h:
