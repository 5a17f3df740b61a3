build-merge/firmware/norm.o: firmware/norm.c firmware/norm.h
firmware/norm.h:
