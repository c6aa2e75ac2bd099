# stemd: the two set-up commands are `make demo` and `make check`; see README.md.
SHARED ?= $(abspath ../shared)
BUILD ?= build
SAN ?= build-san
FUZZ ?= build-fuzz
PY ?= /usr/bin/python3
FUZZ_SECONDS ?= 60

.PHONY: all deps check unit integration conformance demo fuzz bench clean

all: $(BUILD)/build.ninja
	ninja -C $(BUILD)

$(BUILD)/build.ninja:
	@command -v meson >/dev/null && pkg-config --exists libsystemd || tools/install-deps.sh
	meson setup $(BUILD)

deps:
	tools/install-deps.sh

$(SAN)/build.ninja:
	meson setup $(SAN) -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug

# Everything, under AddressSanitizer and UndefinedBehaviorSanitizer.
check: deps $(SAN)/build.ninja
	ninja -C $(SAN)
	$(MAKE) unit integration conformance BIN=$(abspath $(SAN))

BIN ?= $(abspath $(BUILD))
export ASAN_OPTIONS = detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS = print_stacktrace=1:halt_on_error=1

unit:
	meson test -C $(BIN) --print-errorlogs --suite unit

integration:
	STEMD_BIN=$(BIN) SHARED=$(SHARED) $(PY) -m pytest -q -p no:cacheprovider test/integration

# The shared conformance scenarios that stemd passes must keep passing (test/conformance-pass).
conformance:
	STEMD_BIN=$(BIN) SHARED=$(SHARED) tools/conformance-check

demo: all
	tools/demo.sh $(abspath $(BUILD))

$(FUZZ)/build.ninja:
	CC=clang meson setup $(FUZZ) -Dfuzz=true -Db_sanitize=address,undefined -Db_lundef=false
fuzz: deps $(FUZZ)/build.ninja
	ninja -C $(FUZZ) $$(cd fuzz && ls fuzz-*.c | sed 's/\.c$$//; s/^/fuzz\//')
	tools/run-fuzzers $(FUZZ) $(FUZZ_SECONDS)

bench: all
	bench/run-bench $(abspath $(BUILD))

clean:
	rm -rf $(BUILD) $(SAN) $(FUZZ)
