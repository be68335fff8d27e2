# The books a run must look at.  make needs a few microseconds and a
# stat(2) for each file it considers: four files a book (the text, its
# table, two charts) are a second and a half at 70,000 books before any
# work is done.  So a run over every book that ends well leaves
# processed_data/.fresh, dated when that run started: every book's outputs
# were then made from the texts as they were.  The next make results (or
# report) looks only at the books since changed:
#   - whose text is newer (ctime, which touch, cp -p or tar cannot set back)
#     than .fresh, found by one find(1) over data/: counted again;
# and at every book, as before, when anything else that a book's outputs
# are made with may have changed since (the tools or their sources, the
# makefiles, config.mak, MANIFEST, the knobs N, KEEP_BOM and PLOT_FORMAT,
# the compiler flags, a changed book's acf results), or when a file
# came or went in processed_data/ or results/ since that run ended (their
# directories' dates: a table or chart removed is made again, and so is
# one whose book left the list).  Any other goal, BOOKS=..., FRESH=0, and
# make -n, -q, -p, -t or -B look at every book.  BOOKS_TODO is the books
# to look at; BOOK_NAMES stays every book.
FRESH ?= 1
FRESH_FILE := processed_data/.fresh
FRESH_GOALS := results report
# make's single-letter flags that must see every book
FRESH_FLAGS := $(strip $(foreach f,n q p t B,$(findstring $f,$(firstword -$(MAKEFLAGS)))))

fresh_knobs = $(strip $(foreach k,N KEEP_BOM PLOT_FORMAT,$(call stamp_stale,$(STAMP_DIR)/$k,$k)))
# What a book's outputs are made with, besides the book: changed since the
# start of that run (sources, the makefiles), or since its end (what the
# run itself may have made: the tools, the compiler flags, the knobs).
fresh_since_start = $(TOP)/tools $(TOP)/mk $(TOP)/Makefile $(wildcard $(TOP)/config.mak $(MANIFEST))
fresh_since_end = $(BINS) $(O)/.flags $(STAMP_DIR)
# the texts changed since, and anything else changed since: one shell
fresh_find = $(shell find data $(fresh_since_start) -cnewer $(FRESH_FILE) ! -type d -print; \
	find $(fresh_since_end) -cnewer $(FRESH_FILE).done ! -type d -print; \
	find processed_data results -prune -newer $(FRESH_FILE).done -print)

FRESH_ON := $(and $(filter 1,$(FRESH)),$(if $(strip $(BOOKS)),,1),$(BOOK_NAMES),\
	$(filter $(FRESH_GOALS),$(MAKECMDGOALS)),$(if $(filter-out \
	$(FRESH_GOALS),$(MAKECMDGOALS)),,1),$(if $(FRESH_FLAGS),,1),$(wildcard \
	$(FRESH_FILE)),$(wildcard $(FRESH_FILE).done),$(wildcard results/.),$(if $(call \
	stamp_stale,$(O)/.flags,FLAGS_NOW)$(fresh_knobs),,1),$(if $(filter-out \
	$(wildcard $(BINS)),$(BINS)),,1))
ifneq ($(FRESH_ON),)
FRESH_NEWER := $(fresh_find)
FRESH_TEXTS := $(filter data/%,$(FRESH_NEWER))
FRESH_TODO := $(filter $(patsubst data/%.txt,%,$(patsubst %.gz,%,$(FRESH_TEXTS))),$(BOOK_NAMES))
endif
# The texts alone changed, and no book of them has acf results (the corpus
# acf chart would need every book's): those books only.  Else every book.
FRESH_SOME := $(and $(FRESH_ON),$(if $(filter-out $(FRESH_TEXTS),$(FRESH_NEWER)),,1),\
	$(if $(wildcard $(patsubst %,results/%_acf.csv,$(FRESH_TODO))),,1))
ifneq ($(FRESH_SOME),)
BOOKS_TODO := $(FRESH_TODO)
# a text changed since is counted again even when its date was set back
# (cp -p, tar), which make alone would miss
$(patsubst %,processed_data/%.dat,$(BOOKS_TODO)): stamp-force
else
BOOKS_TODO := $(BOOK_NAMES)
endif

# A run of every book leaves .fresh, dated when make read this (to the
# nanosecond: a file of this make's own, made then), and .fresh.done,
# dated when results is done (wordcount.mk writes both).
# Those of makes that are gone are removed (config.mk's stamp_sweep).
FRESH_RUN := $(and $(filter results,$(MAKECMDGOALS)),$(if $(strip $(BOOKS)),,1),$(if $(DRY_RUN),,1))
ifneq ($(FRESH_RUN),)
$(shell mkdir -p processed_data && { $(call stamp_sweep,$(FRESH_FILE)) } && : > $(FRESH_FILE).$(MAKE_PID).tmp)
endif
# (the rename first: .done must be as new as processed_data/ then)
fresh_write = $(if $(FRESH_RUN),mv -f $(FRESH_FILE).$(MAKE_PID).tmp $(FRESH_FILE) && \
	touch $(FRESH_FILE).done)
