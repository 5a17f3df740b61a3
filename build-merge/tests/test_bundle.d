build-merge/tests/test_bundle: tests/test_bundle.c firmware/bundle.h \
 firmware/bundle_int.h firmware/bundle.h firmware/errmsg.h
firmware/bundle.h:
firmware/bundle_int.h:
firmware/bundle.h:
firmware/errmsg.h:
