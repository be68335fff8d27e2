# data/MANIFEST -> data/pgNN.txt, fetched and verified.
#
# The books to run are the ones in data/ once the missing MANIFEST books have
# been fetched, so that list is an included makefile: make fetches, writes the
# list, and restarts with it.  BOOKS="pg13 pg45" names the books instead.
MANIFEST   := data/MANIFEST
BOOK_LIST  := processed_data/.books.mk
PIPELINE_GOALS := results csv corpus acf plots report
DRY_RUN    := $(findstring n,$(firstword -$(MAKEFLAGS)))
AVAILABLE_BOOKS :=
FETCH      := $(TOP)/mk/fetch-book.sh

# Books of the MANIFEST not yet in data/, fetched eight at a time; each one
# that cannot be had is reported by fetch-book.sh, and the run goes on.
define fetch_missing
[ -f $(MANIFEST) ] || exit 0; \
missing=$$(sed -n 's/^[0-9a-f]\{40\} [^ ]* \([A-Za-z0-9._+-]*\)\.txt$$/\1/p' \
	$(MANIFEST) | while read -r b; do \
	[ -e "data/$$b.txt" ] || echo "$$b"; done); \
if [ -n "$$missing" ]; then \
	mkdir -p data; \
	printf '%s\n' $$missing | xargs -P 8 -n 1 $(FETCH) '$(BOOKS_URL)' $(MANIFEST) data || \
	echo "data: some books could not be fetched; going on with the others" >&2; \
fi
endef

# The list: every data/*.txt whose name make can handle, in natural order.
define write_list
names=$$(ls data 2>/dev/null | sed -n 's/\.txt$$//p' | sort -V); \
good=$$(printf '%s\n' $$names | grep -E '^[A-Za-z0-9._+-]+$$' || true); \
bad=$$(printf '%s\n' $$names | grep -vE '^[A-Za-z0-9._+-]+$$' || true); \
[ -z "$$bad" ] || printf 'data: %s.txt: a name make cannot handle; skipped\n' $$bad >&2; \
echo "AVAILABLE_BOOKS :=" $$good > $@.tmp && mv -f $@.tmp $@
endef

ifeq ($(strip $(BOOKS)),)
ifneq ($(filter $(PIPELINE_GOALS) processed_data/% results/%,$(MAKECMDGOALS)),)
ifeq ($(DRY_RUN),)
include $(BOOK_LIST)
else
# make -n fetches nothing: it shows the run over the books there would be.
-include $(BOOK_LIST)
ifeq ($(wildcard $(BOOK_LIST)),)
AVAILABLE_BOOKS := $(shell { sed -n 's/^[0-9a-f]\{40\} [^ ]* \([A-Za-z0-9._+-]*\)\.txt$$/\1/p' \
	$(MANIFEST) 2>/dev/null; ls data 2>/dev/null | sed -n 's/\.txt$$//p'; } | sort -uV)
endif
endif
endif
BOOK_NAMES := $(AVAILABLE_BOOKS)
else
BOOK_NAMES := $(shell printf '%s\n' $(BOOKS) | sort -V)
endif

# make remakes an included makefile even under -n: no rule for it then.
ifeq ($(DRY_RUN),)
$(BOOK_LIST): $(wildcard $(MANIFEST) data/.) | processed_data/
	@$(fetch_missing)
	@$(write_list)
endif

data: ## fetch the missing books of data/MANIFEST (BOOKS_URL: URL or mirror)
	@$(fetch_missing)
.PHONY: data

# One book, for BOOKS=... runs and for make data/pg13.txt.
data/%.txt:
	@mkdir -p data
	$(FETCH) '$(BOOKS_URL)' $(MANIFEST) data $*

processed_data/ results/:
	mkdir -p $@
