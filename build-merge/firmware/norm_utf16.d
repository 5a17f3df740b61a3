build-merge/firmware/norm_utf16.o: firmware/norm_utf16.c firmware/norm.h
firmware/norm.h:
