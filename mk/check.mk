# Tests, sanitizer build (SAN=1), fuzzing.
SUITES ?= $(sort $(wildcard $(TOP)/tests/*.bats))

ifneq ($(filter check,$(MAKECMDGOALS)),)
WERROR := 1
ifeq ($(shell command -v bats),)
$(error bats not found: install bats (Debian/Ubuntu: apt-get install bats; Fedora: dnf install bats; macOS: brew install bats-core))
endif
endif

check: $(BINS) ## build with -Werror and run the bats suites (SAN=1: sanitizers)
	+WC_BIN=$(abspath $(B)) $(TOP)/tests/run $(SUITES)
.PHONY: check
