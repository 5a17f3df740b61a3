build-merge/tests/test_app: tests/test_app.c firmware/app.h
firmware/app.h:
