build-merge/firmware/app.o: firmware/app.c firmware/app.h
firmware/app.h:
