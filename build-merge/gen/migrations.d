build-merge/gen/migrations.o: build-merge/gen/migrations.c \
 firmware/store_migrations.h
firmware/store_migrations.h:
