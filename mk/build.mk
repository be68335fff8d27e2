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

all: $(BINS) ## build every tool into bin/
.PHONY: all

# Missing prerequisites stop make with one line, not a wall of errors.
# Checked once per build tree; the stamp is removed by distclean.
PREREQ_GOALS := help clean distclean
ifneq ($(filter-out $(PREREQ_GOALS),$(or $(MAKECMDGOALS),all)),)
ifeq ($(wildcard $(O)/.prereq),)
ifeq ($(shell command -v $(firstword $(CC))),)
$(error no C compiler ($(CC)): install gcc (Debian/Ubuntu: apt-get install gcc; Fedora: dnf install gcc; macOS: xcode-select --install))
endif
ifneq ($(shell printf '\043include <zlib.h>\n' | $(CC) -E -x c - >/dev/null 2>&1 && echo ok),ok)
$(error zlib headers not found: install zlib (Debian/Ubuntu: apt-get install zlib1g-dev; Fedora: dnf install zlib-devel; macOS: brew install zlib))
endif
$(shell mkdir -p $(O) && touch $(O)/.prereq)
endif
endif

# Objects are rebuilt when the flags change: the stamp is rewritten, at
# parse time, only when they differ (so make -n stays truthful).
FLAGS_NOW := $(CC) $(WARN) $(CFLAGS) $(SANFLAGS) $(CPPFLAGS) $(LDFLAGS)
ifneq ($(filter-out $(PREREQ_GOALS),$(or $(MAKECMDGOALS),all)),)
ifneq ($(file <$(O)/.flags),$(FLAGS_NOW))
$(shell mkdir -p $(O)/lib)
$(file >$(O)/.flags,$(FLAGS_NOW))
endif
endif

# compat*.c alone may use more than POSIX (tools/lib/compat.h), and
# tools/fanout.c until its split into tools/fanout/, with its own compat.c.
GNU_OBJ := $(patsubst $(TOP)/tools/%.c,$(O)/%.o,$(sort $(wildcard \
	$(TOP)/tools/lib/compat*.c $(TOP)/tools/*/compat*.c $(TOP)/tools/fanout.c)))
$(GNU_OBJ): private ALL_CFLAGS += -D_GNU_SOURCE

$(O)/lib/%.o: $(TOP)/tools/lib/%.c $(O)/.flags | $(O)/lib
	$(say) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) $(WERRFLAG) $(CPPFLAGS) -MMD -MP -c -o $@ $<

$(O)/%.o: $(TOP)/tools/%.c $(O)/.flags | $(O)/lib
	$(say) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) $(WERRFLAG) $(CPPFLAGS) -MMD -MP -c -o $@ $<

$(O)/libwc.a: $(LIBOBJ)
	$(say) AR $@
	$(Q)rm -f $@ && ar rcs $@ $^

$(addprefix $(B)/,$(FILE_TOOLS)): $(B)/%: $(O)/%.o $(O)/libwc.a
	$(say) LD $@
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(O)/libwc.a $(LDLIBS)

# A tool in parts: its objects in $(O)/NAME/, its own headers beside them.
define dir_tool
$(1)_OBJ := $$(patsubst $(TOP)/tools/$(1)/%.c,$(O)/$(1)/%.o,$$(wildcard $(TOP)/tools/$(1)/*.c))
$(O)/$(1)/%.o: $(TOP)/tools/$(1)/%.c $(O)/.flags
	@mkdir -p $$(@D)
	$$(say) CC $$<
	$$(Q)$$(CC) $$(ALL_CFLAGS) -I$(TOP)/tools/$(1) $$(WERRFLAG) $$(CPPFLAGS) -MMD -MP -c -o $$@ $$<
$(B)/$(1): $$($(1)_OBJ) $(O)/libwc.a
	$$(say) LD $$@
	$$(Q)$$(CC) $$(ALL_CFLAGS) $$(LDFLAGS) -o $$@ $$($(1)_OBJ) $(O)/libwc.a $$(LDLIBS)
.SECONDARY: $$($(1)_OBJ)
-include $$(wildcard $(O)/$(1)/*.d)
endef
$(foreach t,$(DIR_TOOLS),$(eval $(call dir_tool,$(t))))

$(O)/lib:
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
	rm -rf $(TOP)/bin data/*.txt data/*.download
.PHONY: install uninstall clean distclean
