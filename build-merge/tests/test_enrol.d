build-merge/tests/test_enrol: tests/test_enrol.c firmware/enrol.h \
 firmware/bundle.h
firmware/enrol.h:
firmware/bundle.h:
