# wordcount-hpc: one non-recursive make graph; the parts live in mk/*.mk,
# each named below (a fragment that goes missing is an error, not a silently
# smaller graph).
# `make help` lists the targets.
.DELETE_ON_ERROR:
.SUFFIXES:
MAKEFLAGS += -r --warn-undefined-variables
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c

# The tree may be driven from elsewhere: make -f path/to/Makefile works in any
# directory that has data/, so tests run the real graph on their own corpus.
TOP := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))

.DEFAULT_GOAL := all

include $(TOP)/mk/config.mk
-include $(TOP)/config.mak
# after config.mak, which may set HOSTS
include $(TOP)/mk/remote.mk
include $(TOP)/mk/build.mk
include $(TOP)/mk/data.mk
include $(TOP)/mk/fresh.mk
include $(TOP)/mk/wordcount.mk
include $(TOP)/mk/pi.mk
include $(TOP)/mk/fanout.mk
include $(TOP)/mk/plot.mk
include $(TOP)/mk/acf.mk
include $(TOP)/mk/check.mk
include $(TOP)/mk/bench.mk
include $(TOP)/mk/exercises.mk

help: ## list the targets
	@sed -n 's/^\([a-z][a-z-]*\):.*## \(.*\)/\1\t\2/p' $(MAKEFILE_LIST) | \
		awk -F'\t' '{ printf "  %-12s %s\n", $$1, $$2 }'
.PHONY: help
