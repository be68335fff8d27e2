# Toolchain and knobs.  Override on the command line or in config.mak.
CC      ?= cc
CFLAGS  ?= -O2 -g
CPPFLAGS ?=
LDFLAGS ?=
WARN    := -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
WERROR  ?=
SAN     ?=
PORTABLE ?=
PORTABLE_CC ?= clang
V       ?=
PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man

# Pipeline knobs.
BOOKS     ?=
BOOKS_URL ?= https://raw.githubusercontent.com/ENCCS/word-count-hpda/main/data
N         ?= 10
J         ?= 2
HOSTS     ?=
# A prefix for every per-book step (count, chart, acf): LAUNCH='srun -n1 --exact'.
LAUNCH    ?=
RUN        = $(LAUNCH)
PLOT_FORMAT ?= png
DARTS     ?= 1e9
SEED      ?= 1

# PORTABLE=1 builds a separate tree as on a system without glibc: clang,
# plain C11 and POSIX.1-2008, the fallbacks of tools/lib/compat.c forced
# (WC_PORTABLE); only compat*.c get _GNU_SOURCE (build.mk).
ifeq ($(SAN)$(PORTABLE),11)
$(error SAN=1 and PORTABLE=1 build two different trees: choose one)
endif
ifeq ($(PORTABLE),1)
CC := $(PORTABLE_CC)
FEATURES := -D_POSIX_C_SOURCE=200809L -DWC_PORTABLE
else
FEATURES := -D_GNU_SOURCE
endif

# SAN=1 builds a separate tree with AddressSanitizer and UBSan.
ifeq ($(SAN),1)
B := $(TOP)/bin/san
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
else ifeq ($(PORTABLE),1)
B := $(TOP)/bin/portable
# valgrind 3.19 (Debian 12) cannot read clang 14's default DWARF 5.
SANFLAGS := -gdwarf-4
else
B := $(TOP)/bin
SANFLAGS :=
endif
O := $(B)/obj

# -Werror changes no output, so it is kept out of the flags stamp.
WERRFLAG = $(if $(filter 1,$(WERROR)),-Werror)

# Each mk/*.mk adds its benchmark targets here; bench.mk runs them all.
BENCHES :=

# The per-book steps (count, chart, acf) run their tool behind $(RUN): a
# prefix such as LAUNCH='srun -n1'.  Each such step is one command with
# paths relative to the top of the run, so that it may run elsewhere.
LAUNCH ?=
RUN = $(LAUNCH)
# KEEP_BOM=1: a leading byte-order mark stays glued to the first word, as
# the lesson's code, run as it ships, counts it (wc-count -b).
KEEP_BOM ?=
# make corpus merges the books' tables this many at a time.
CORPUS_GROUP ?= 64

# make -n writes nothing: recipes that write from make itself ($(file))
# look at this first.
DRY_RUN := $(findstring n,$(firstword -$(MAKEFLAGS)))

empty :=
space := $(empty) $(empty)
comma := ,
define newline


endef

# One short line a step, "  COUNT  pg13", printed by make itself when it
# starts the step ($(info): no process), the tag padded to six columns;
# V=1 prints the commands instead.  $(call say,COUNT,$*)
ifeq ($(V),1)
Q :=
say =
else
Q := @
say = $(info $(space)$(space)$(subst _, ,$(filter $1_%,$(say_tags)))$2)
endif
say_tags := ACF____ AR_____ BOOKS__ CC_____ COUNT__ CSV____ DOT____ \
	FETCH__ FUZZCC_ FUZZLD_ LD_____ MERGE__ PI_____ PLOT___ REPORT_ SCALE__ \
	TIMES__ ZIPF___

# The per-book steps are one command each: make runs them itself, without
# a shell between (GNU make execs a line directly when SHELL is /bin/sh,
# .SHELLFLAGS -c and the line has nothing a shell must read: a bash per
# step was most of the pipeline's cost per book at 10,000 books).
# private: the rules that such a step makes first (the tools) keep bash.
# TIMES=1 logs every line through a shell of its own (exercises.mk).
# $(call exec_direct,PATTERN ...)
TIMES ?=
exec_direct = $(if $(filter 1,$(TIMES)),,$(eval $1: private SHELL := /bin/sh)$(eval \
	$1: private .SHELLFLAGS := -c))

# make's own process id: temporary names unique among concurrent runs in
# one tree (a file that make writes with $(file), then renames).
MAKE_PID := $(shell echo $$PPID)

# Stamps: a file that holds a value and is rewritten only when the value
# changes, so that a target that has it as a prerequisite is remade exactly
# then, as the build does for CFLAGS.
#   $(call stamp,PATH,VAR)  defines PATH's rule; PATH holds the words of
#                           $(VAR) one a line (a list for tools' -F); the
#                           value is PATH, to use as a prerequisite.
#   $(call knob_stamp,N)    the same for a knob: processed_data/.knobs/N.
# The comparison with the file is made when make reads the rule; the file
# is written by the rule's recipe (never under make -n), through a
# temporary name of this make's own and rename(2).
STAMP_DIR := processed_data/.knobs
stamp_lines = $(subst $(space),$(newline),$(strip $1))
stamp_same = $(and $(findstring x$1,x$2),$(findstring x$2,x$1))
# Compared stripped: make 4.3's $(file <) may keep a file's last newline
# (when its buffer moves while it reads), so white space cannot count.
stamp_stale = $(if $(call stamp_same,$(strip $(file <$1)),$(strip $($2))),,stamp-force)
# A make killed between writing its temporary file and renaming it leaves
# the file behind, and the stamp stale: the next write removes the
# temporary files of makes that are gone (not those of a run going on).
stamp_write = $(if $(DRY_RUN),,$(file >$1.$(MAKE_PID).tmp,$(call stamp_lines,$($2))))$(stamp_sweep)mv -f $1.$(MAKE_PID).tmp $1
stamp_sweep = for t in $1.*.tmp; do p=$${t%.tmp}; p=$${p\#\#*.}; \
	[ "$$t" = $1.$(MAKE_PID).tmp ] || kill -0 "$$p" 2>/dev/null || rm -f "$$t"; done; 
define stamp_rule
$1: $(call stamp_stale,$1,$2) | $(patsubst %/,%,$(dir $1))/
	@$$(call stamp_write,$$@,$2)
endef
STAMPS_DEFINED :=
stamp = $(if $(filter $1,$(STAMPS_DEFINED)),,$(eval STAMPS_DEFINED += $1)$(eval $(call stamp_rule,$1,$2)))$1
knob_stamp = $(call stamp,$(STAMP_DIR)/$1,$1)
stamp-force:
.PHONY: stamp-force

# A target over every book that few runs want (acf, csv): at 70,000 books
# each such list costs make a third of a second to read, on every run.  So
# its prerequisites are read when it is a goal; when another rule wants it,
# it is made by a make of its own.  $(call goal_only,acf,$(ACFS))
goal_only = $(if $(filter $1,$(MAKECMDGOALS)),$(eval $1: $2),$(eval $(call \
	goal_only_rule,$1)))
define goal_only_rule
$1:
	+$$(MAKE) --no-print-directory -f $$(TOP)/Makefile $1
endef
