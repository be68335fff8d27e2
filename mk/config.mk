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

ifeq ($(V),1)
Q :=
say = @:
else
Q := @
say = @printf '  %-6s %s\n'
endif

# Each mk/*.mk adds its benchmark targets here; bench.mk runs them all.
BENCHES :=
