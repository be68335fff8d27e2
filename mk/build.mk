# tools/*.c + tools/lib -> bin/.  Every tools/NAME.c is a tool, and so is
# every tools/NAME/ that has a main.c (a tool split into parts: all of
# tools/NAME/*.c make bin/NAME).
FILE_TOOLS := $(sort $(basename $(notdir $(wildcard $(TOP)/tools/*.c))))
DIR_TOOLS  := $(sort $(notdir $(patsubst %/main.c,%,$(wildcard $(TOP)/tools/*/main.c))))
TOOLS    := $(FILE_TOOLS) $(DIR_TOOLS)
LIBSRC   := $(sort $(wildcard $(TOP)/tools/lib/*.c))
LIBOBJ   := $(patsubst $(TOP)/tools/lib/%.c,$(O)/lib/%.o,$(LIBSRC))
BINS     := $(addprefix $(B)/,$(TOOLS))
MANS     := $(wildcard $(TOP)/tools/man/*.1)
ALL_CFLAGS := $(WARN) $(CFLAGS) $(SANFLAGS) -I$(TOP)/tools/lib $(FEATURES)
LDLIBS   := -lz -lm

# The tools that run once per book are linked statically where the system
# can: no dynamic loader, about half a millisecond less per process
# (tests/bench/wc-count.sh).  Where it cannot (no libc.a or libz.a, macOS),
# or with SAN=1, they are linked as usual.  STATIC_TOOLS= turns it off.
STATIC_TOOLS ?= wc-count wc-plotdata acf csvify
link_dyn = $(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $2 $(LDLIBS)
link = $(if $(and $(filter $1,$(STATIC_TOOLS)),$(if $(SAN),,static)),\
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -static -o $@ $2 $(LDLIBS) 2>/dev/null || )$(link_dyn)

all: $(BINS) ## build every tool into bin/
.PHONY: all

# Missing prerequisites stop make with one line, not a wall of errors.
# Probed while make reads this, until the stamp is there (written by its
# rule, so make -n writes nothing); distclean removes it.
PREREQ_GOALS := help clean distclean
ifneq ($(filter-out $(PREREQ_GOALS),$(or $(MAKECMDGOALS),all)),)
ifeq ($(wildcard $(O)/.prereq),)
ifeq ($(shell command -v $(firstword $(CC))),)
$(error no C compiler ($(CC)): install gcc (Debian/Ubuntu: apt-get install gcc; Fedora: dnf install gcc; macOS: xcode-select --install))
endif
ifneq ($(shell printf '\043include <zlib.h>\n' | $(CC) -E -x c - >/dev/null 2>&1 && echo ok),ok)
$(error zlib headers not found: install zlib (Debian/Ubuntu: apt-get install zlib1g-dev; Fedora: dnf install zlib-devel; macOS: brew install zlib))
endif
endif
endif
$(O)/.prereq: | $(O)/
	@touch $@

# Objects are rebuilt when the flags change: a stamp rule (mk/config.mk)
# rewrites the stamp only when they differ.
FLAGS_NOW := $(CC) $(WARN) $(CFLAGS) $(SANFLAGS) $(CPPFLAGS) $(LDFLAGS)
FLAGS_STAMP := $(call stamp,$(O)/.flags,FLAGS_NOW)
$(FLAGS_STAMP): | $(O)/.prereq

# compat*.c alone may use more than POSIX (tools/lib/compat.h,
# tools/fanout/compat.c).
GNU_OBJ := $(patsubst $(TOP)/tools/%.c,$(O)/%.o,$(sort $(wildcard \
	$(TOP)/tools/lib/compat*.c $(TOP)/tools/*/compat*.c)))
$(GNU_OBJ): private ALL_CFLAGS += -D_GNU_SOURCE

$(O)/lib/%.o: $(TOP)/tools/lib/%.c $(FLAGS_STAMP) | $(O)/lib
	$(call say,CC,$<)
	$(Q)$(CC) $(ALL_CFLAGS) $(WERRFLAG) $(CPPFLAGS) -MMD -MP -c -o $@ $<

$(O)/%.o: $(TOP)/tools/%.c $(FLAGS_STAMP) | $(O)/lib
	$(call say,CC,$<)
	$(Q)$(CC) $(ALL_CFLAGS) $(WERRFLAG) $(CPPFLAGS) -MMD -MP -c -o $@ $<

$(O)/libwc.a: $(LIBOBJ)
	$(call say,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $^

$(addprefix $(B)/,$(FILE_TOOLS)): $(B)/%: $(O)/%.o $(O)/libwc.a
	$(call say,LD,$@)
	$(Q)$(call link,$*,$< $(O)/libwc.a)

# A tool in parts: its objects in $(O)/NAME/, its own headers beside them.
define dir_tool
$(1)_OBJ := $$(patsubst $(TOP)/tools/$(1)/%.c,$(O)/$(1)/%.o,$$(wildcard $(TOP)/tools/$(1)/*.c))
$(O)/$(1)/%.o: $(TOP)/tools/$(1)/%.c $(FLAGS_STAMP)
	@mkdir -p $$(@D)
	$$(call say,CC,$$<)
	$$(Q)$$(CC) $$(ALL_CFLAGS) -I$(TOP)/tools/$(1) $$(WERRFLAG) $$(CPPFLAGS) -MMD -MP -c -o $$@ $$<
$(B)/$(1): $$($(1)_OBJ) $(O)/libwc.a
	$$(call say,LD,$$@)
	$$(Q)$$(call link,$(1),$$($(1)_OBJ) $(O)/libwc.a)
.SECONDARY: $$($(1)_OBJ)
-include $$(wildcard $(O)/$(1)/*.d)
endef
$(foreach t,$(DIR_TOOLS),$(eval $(call dir_tool,$(t))))

$(O)/lib:
	$(Q)mkdir -p $@

# Directories, for order-only prerequisites (`| results/`).
%/:
	$(Q)mkdir -p $@

.SECONDARY: $(LIBOBJ) $(patsubst %,$(O)/%.o,$(FILE_TOOLS))

-include $(wildcard $(O)/*.d $(O)/lib/*.d)

install: $(BINS) ## install tools and man pages (PREFIX, DESTDIR)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BINS) $(DESTDIR)$(BINDIR)
	$(if $(MANS),install -m 644 $(MANS) $(DESTDIR)$(MANDIR)/man1)

uninstall: ## remove what install put in place
	rm -f $(addprefix $(DESTDIR)$(BINDIR)/,$(TOOLS)) \
		$(addprefix $(DESTDIR)$(MANDIR)/man1/,$(notdir $(MANS)))

clean: ## remove pipeline outputs (processed_data/, results/)
	rm -rf processed_data results

distclean: clean ## also remove bin/ and the downloaded books
	rm -rf $(TOP)/bin data/*.txt data/*.download data/*.download.*
.PHONY: install uninstall clean distclean
