# bangtin: one build for the kiosk, its tools and its tests.
include config.mk

CORE_SRC  = $(wildcard firmware/*.c)
CORE_OBJ  = $(CORE_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/migrations.o
MIGRATIONS = $(sort $(wildcard data/migrations/*.sql))
CTL_SRC   = $(wildcard tools/*.c)
CTL_OBJ   = $(CTL_SRC:%.c=$(BUILD)/%.o)
TEST_SRC  = $(wildcard tests/test_*.c)
TEST_BIN  = $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)

all: $(BUILD)/bangtinctl

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(BT_CFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/gen/migrations.c: $(MIGRATIONS) tools/embed-sql.sh
	@mkdir -p $(dir $@)
	sh tools/embed-sql.sh $(MIGRATIONS) > $@

$(BUILD)/gen/migrations.o: $(BUILD)/gen/migrations.c
	$(CC) $(BT_CFLAGS) $(CFLAGS) -c $< -o $@

$(BUILD)/libbangtin.a: $(CORE_OBJ)
	$(AR) rcs $@ $^

$(BUILD)/bangtinctl: $(CTL_OBJ) $(BUILD)/libbangtin.a
	$(CC) $(LDFLAGS) -o $@ $^ $(BT_LIBS)

$(BUILD)/tests/%: tests/%.c $(BUILD)/libbangtin.a
	@mkdir -p $(dir $@)
	$(CC) $(BT_CFLAGS) $(CFLAGS) $(shell $(PKG_CONFIG) --cflags $(TEST_PKGS)) -MMD -MP \
		-o $@ $< $(BUILD)/libbangtin.a $(LDFLAGS) $(BT_LIBS) $(shell $(PKG_CONFIG) --libs $(TEST_PKGS))

test: $(TEST_BIN)
	@set -e; for t in $(TEST_BIN); do echo "== $$t"; $$t; done

clean:
	rm -rf $(BUILD)

.PHONY: all test clean
-include $(CORE_OBJ:.o=.d) $(CTL_OBJ:.o=.d) $(TEST_BIN:=.d)
