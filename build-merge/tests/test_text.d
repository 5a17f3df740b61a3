build-merge/tests/test_text: tests/test_text.c ui/text.h firmware/doc.h
ui/text.h:
firmware/doc.h:
