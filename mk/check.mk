# Tests, sanitizer build (SAN=1), fuzzing.
#
# make check        one TAP stream, one "N passed, N failed" line at the end:
#                   0. tests/lint: no suite hides an assertion bats ignores;
#                   1. every suite against bin/ (built with -Werror);
#                   2. again against bin/san, ASan+UBSan+LSan (when $(CC)
#                      builds and runs them; else reported as a skipped pass);
#                   3. again against bin/portable (PORTABLE=1: clang, plain
#                      C11 + POSIX, compat fallbacks forced; when clang is
#                      here, else reported as a skipped pass);
#                   4. a libFuzzer smoke of every harness in tests/fuzz/,
#                      FUZZ_SMOKE seconds each (when clang can build them).
# make check QUICK=1   pass 1 only, for a quick round while developing.
# make check SAN=1     the suites against bin/san only.
# make check PORTABLE=1   the suites against bin/portable only.
# make fuzz            each harness for FUZZ_SECONDS, corpus kept in bin/fuzz/.
SUITES ?= $(sort $(wildcard $(TOP)/tests/*.bats))
QUICK ?=
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_SMOKE ?= 20

# A sanitizer failure exits 86 (a leak too), never the tools' own 1 or 2,
# so that no test can mistake one for the expected outcome.
SAN_ENV := SAN=1 ASAN_OPTIONS=detect_leaks=1:exitcode=86:abort_on_error=0 \
	LSAN_OPTIONS=exitcode=86 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:exitcode=86

# libFuzzer harnesses: tests/fuzz/NAME.c -> bin/fuzz/NAME, seeds in
# tests/fuzz/corpus/NAME/.  Built with the library sources by clang, apart
# from bin/ and bin/san.
FUZZ_B      := $(TOP)/bin/fuzz
FUZZERS     := $(sort $(basename $(notdir $(wildcard $(TOP)/tests/fuzz/*.c))))
FUZZ_BINS   := $(addprefix $(FUZZ_B)/,$(FUZZERS))
FUZZ_LIBOBJ := $(patsubst $(TOP)/tools/lib/%.c,$(FUZZ_B)/obj/lib/%.o,$(LIBSRC))
FUZZ_SAN    := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS := -g -O1 $(WARN) -I$(TOP)/tools/lib -D_GNU_SOURCE

# Probed only when a goal needs them, so plain `make` stays quick.  The
# sanitizer probe also runs its program: LeakSanitizer needs ptrace, which
# some containers forbid.
probe_san = $(shell t=$$(mktemp) && printf 'int main(void){return 0;}\n' | \
	$(CC) -fsanitize=address,undefined -x c -o $$t - 2>/dev/null && \
	$$t 2>/dev/null && echo yes; rm -f $$t)
probe_fuzz = $(shell printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n){return (int)(d[0] + n);}\n' | \
	$(FUZZ_CC) -fsanitize=fuzzer,address,undefined -x c -o /dev/null - 2>/dev/null && echo yes)

CHECK_PASSES := --cmd "" $(TOP)/tests/lint --tap $(SUITES) \
	--pass "" WC_BIN=$(abspath $(B)) $(if $(filter 1,$(SAN)),$(SAN_ENV)) $(SUITES)
CHECK_DEPS   :=

ifneq ($(filter check,$(MAKECMDGOALS)),)
WERROR := 1
ifeq ($(shell command -v bats),)
$(error bats not found: install bats (Debian/Ubuntu: apt-get install bats; Fedora: dnf install bats; macOS: brew install bats-core))
endif
ifeq ($(QUICK)$(SAN)$(PORTABLE),)
ifeq ($(probe_san),yes)
CHECK_PASSES += --pass san WC_BIN=$(abspath $(TOP)/bin/san) $(SAN_ENV) $(SUITES)
CHECK_DEPS   += san-build
else
CHECK_PASSES += --skip san "$(CC) cannot build or run -fsanitize=address,undefined programs here"
endif
ifneq ($(shell command -v $(PORTABLE_CC)),)
CHECK_PASSES += --pass portable WC_BIN=$(abspath $(TOP)/bin/portable) $(SUITES)
CHECK_DEPS   += portable-build
else
CHECK_PASSES += --skip portable "$(PORTABLE_CC) not found (Debian: apt-get install clang)"
endif
ifeq ($(probe_fuzz),yes)
CHECK_PASSES += --cmd fuzz $(TOP)/tests/fuzz/smoke $(FUZZ_B) $(FUZZ_SMOKE)
CHECK_DEPS   += $(FUZZ_BINS)
else
CHECK_PASSES += --skip fuzz "$(FUZZ_CC) cannot build libFuzzer harnesses (Debian: apt-get install clang libclang-rt-14-dev)"
endif
endif
endif

check: $(BINS) $(CHECK_DEPS) ## build with -Werror and run the suites, then under sanitizers, then fuzz (QUICK=1: first pass only)
	+$(TOP)/tests/run $(CHECK_PASSES)

# The sanitizer build is the same graph with SAN=1: a second make, so that
# build.mk stays the one place that knows how to build a tool.
san-build:
	+$(MAKE) --no-print-directory -f $(TOP)/Makefile SAN=1 WERROR=1 all

portable-build: ## build bin/portable as a system without glibc would (PORTABLE=1)
	+$(MAKE) --no-print-directory -f $(TOP)/Makefile PORTABLE=1 WERROR=1 all

fuzz: $(addprefix fuzz-,$(FUZZERS)) ## run every fuzz harness FUZZ_SECONDS (new inputs kept in bin/fuzz/corpus)

$(addprefix fuzz-,$(FUZZERS)): fuzz-%: $(FUZZ_B)/%
	@mkdir -p $(FUZZ_B)/corpus/$* $(FUZZ_B)/crashes
	$(FUZZ_B)/$* -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix=$(FUZZ_B)/crashes/$*- \
		$(FUZZ_B)/corpus/$* $(wildcard $(TOP)/tests/fuzz/corpus/$*)

fuzz-build: $(FUZZ_BINS) ## build the fuzz harnesses into bin/fuzz (clang)

$(FUZZ_B)/obj/lib/%.o: $(TOP)/tools/lib/%.c | $(FUZZ_B)/obj/lib
	$(call say,FUZZCC,$<)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) $(WERRFLAG) $(FUZZ_SAN) -fsanitize=fuzzer-no-link \
		-MMD -MP -c -o $@ $<

# A harness may #include a tool's source (tests/fuzz/wc-count.c does); the
# harness of a tool in parts (tools/NAME/) links that tool's objects
# instead, built here with its main renamed so that libFuzzer's is the one.
FUZZ_TOOLOBJ :=
define fuzz_dir_tool
FUZZ_$(1)_OBJ := $$(patsubst $(TOP)/tools/$(1)/%.c,$(FUZZ_B)/obj/$(1)/%.o,$$(wildcard $(TOP)/tools/$(1)/*.c))
$(FUZZ_B)/obj/$(1)/%.o: $(TOP)/tools/$(1)/%.c
	@mkdir -p $$(@D)
	$$(call say,FUZZCC,$$<)
	$$(Q)$$(FUZZ_CC) $$(FUZZ_CFLAGS) -I$(TOP)/tools/$(1) -Dmain=tool_main \
		-Wno-missing-prototypes $$(WERRFLAG) $$(FUZZ_SAN) \
		-fsanitize=fuzzer-no-link -MMD -MP -c -o $$@ $$<
$(FUZZ_B)/$(1): $$(FUZZ_$(1)_OBJ)
$(FUZZ_B)/$(1): FUZZ_TOOLOBJ := $$(FUZZ_$(1)_OBJ)
$(FUZZ_B)/$(1): FUZZ_CFLAGS += -I$(TOP)/tools/$(1)
.SECONDARY: $$(FUZZ_$(1)_OBJ)
-include $$(wildcard $(FUZZ_B)/obj/$(1)/*.d)
endef
$(foreach t,$(filter $(DIR_TOOLS),$(FUZZERS)),$(eval $(call fuzz_dir_tool,$(t))))

$(FUZZ_B)/%: $(TOP)/tests/fuzz/%.c $(TOP)/tests/fuzz/fuzz.h $(FUZZ_LIBOBJ) | $(FUZZ_B)/obj/lib
	$(call say,FUZZLD,$@)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) $(WERRFLAG) $(FUZZ_SAN) -fsanitize=fuzzer \
		-MMD -MP -MF $(FUZZ_B)/obj/$*.d -o $@ $< $(FUZZ_TOOLOBJ) \
		$(FUZZ_LIBOBJ) -lz -lm

$(FUZZ_B)/obj/lib:
	$(Q)mkdir -p $@

.SECONDARY: $(FUZZ_LIBOBJ)
-include $(wildcard $(FUZZ_B)/obj/*.d $(FUZZ_B)/obj/lib/*.d)

# Peak memory of every tool on the corpus once and ten times over.
BENCHES += bench-mem
bench-mem: $(BINS)
	$(TOP)/tests/bench/mem.sh $(B)

.PHONY: check san-build portable-build fuzz fuzz-build $(addprefix fuzz-,$(FUZZERS))
