# data/MANIFEST -> data/pgNN.txt(.gz): the books of a run.
#
# The lesson's books are in the tree, compressed (data/pgNN.txt.gz), and
# checked against MANIFEST's git blob ids when they are counted; books the
# tree lacks are fetched (BOOKS_URL), or skipped with one line when they
# cannot be.  The books to run are those in data/ once that is done, so the
# list is an included makefile: make fetches, writes the list, and restarts
# with it.  BOOKS="pg13 pg45" names the books instead.
MANIFEST   := data/MANIFEST
BOOK_LIST  := processed_data/.books.mk
PIPELINE_GOALS := results csv corpus acf plots report
AVAILABLE_BOOKS :=
BOOK_NAMES_ALLOWED :=
GZ_BOOKS   :=
BOOKS_NOTE :=
FETCH      := $(TOP)/mk/fetch-book.sh
LIST_BOOKS := $(TOP)/mk/book-list.sh

# A book name: [A-Za-z0-9._+-] only.  bad_names LIST: the words of LIST
# that hold anything else (a character is removed at a time, the whole
# list first, so that a good list costs 66 substitutions).
name_chars := a b c d e f g h i j k l m n o p q r s t u v w x y z \
	A B C D E F G H I J K L M N O P Q R S T U V W X Y Z \
	0 1 2 3 4 5 6 7 8 9 . _ + -
strip_chars = $(if $2,$(call strip_chars,$(subst $(firstword $2),,$1),$(wordlist 2,99,$2)),$1)
bad_names = $(if $(strip $(call strip_chars,$1,$(name_chars))),$(foreach w,$1,$(if $(call strip_chars,$w,$(name_chars)),$w)))
# shell_quote: one word, safe inside a shell command line
shell_quote = '$(subst ','\'',$1)'

ifeq ($(strip $(BOOKS)),)
ifneq ($(filter $(PIPELINE_GOALS) processed_data/% results/%,$(MAKECMDGOALS)),)
ifeq ($(DRY_RUN),)
include $(BOOK_LIST)
else
# make -n fetches nothing: it shows the run over the books there would be.
-include $(BOOK_LIST)
ifeq ($(wildcard $(BOOK_LIST)),)
AVAILABLE_BOOKS := $(shell { sed -n 's/^[0-9a-f]\{40\} [^ ]* \([A-Za-z0-9._+-]*\)\.txt$$/\1/p' \
	$(MANIFEST) 2>/dev/null || true; ls data 2>/dev/null | sed -n 's/\.txt\(\.gz\)\{0,1\}$$//p' | \
	grep -E '^[A-Za-z0-9._+-]+$$' || true; } | sort -uV)
GZ_BOOKS := $(filter-out $(patsubst data/%.txt,%,$(wildcard data/*.txt)),\
	$(patsubst data/%.txt.gz,%,$(wildcard data/*.txt.gz)))
FETCH_BOOKS := $(filter-out $(patsubst data/%.txt,%,$(wildcard data/*.txt)) \
	$(patsubst data/%.txt.gz,%,$(wildcard data/*.txt.gz)),$(AVAILABLE_BOOKS))
endif
endif
endif
BOOK_NAMES := $(AVAILABLE_BOOKS)
# book-list.sh, and the sed above, let only [A-Za-z0-9._+-] names through
BOOK_NAMES_ALLOWED := 1
else
# BOOKS: in the order given; a name make cannot handle is skipped, said once.
BOOKS_BAD := $(call bad_names,$(BOOKS))
$(foreach w,$(BOOKS_BAD),$(shell printf 'data: %q: not a book name make can handle ([A-Za-z0-9._+-]); skipped\n' $(call shell_quote,$w) >&2))
BOOK_NAMES := $(filter-out $(BOOKS_BAD),$(BOOKS))
BOOKS_NOTE := $(if $(BOOKS_BAD),$(words $(BOOKS_BAD)) bad names)
BOOKS_TXT := $(patsubst data/%.txt,%,$(wildcard $(BOOK_NAMES:%=data/%.txt)))
GZ_BOOKS := $(filter-out $(BOOKS_TXT),\
	$(patsubst data/%.txt.gz,%,$(wildcard $(BOOK_NAMES:%=data/%.txt.gz))))
# those in neither form are fetched, each by its own rule below
FETCH_BOOKS := $(filter-out $(BOOKS_TXT) $(GZ_BOOKS),$(BOOK_NAMES))
endif

# The compressed books that MANIFEST lists: checked when counted.
MANIFEST_BOOKS := $(if $(GZ_BOOKS),$(patsubst %.txt,%,$(filter %.txt,$(file <$(MANIFEST)))))
VERIFY_BOOKS := $(filter $(MANIFEST_BOOKS),$(GZ_BOOKS))

# make remakes an included makefile even under -n: no rule for it then.
# The list is remade when data/ or MANIFEST changes, or BOOKS_URL (a list
# left empty by a run without network is not kept for another URL).
ifeq ($(DRY_RUN),)
$(BOOK_LIST): $(wildcard $(MANIFEST) data/.) $(call knob_stamp,BOOKS_URL) | processed_data/
	$(call say,BOOKS,$@)
	$(Q)$(LIST_BOOKS) $@ $(call shell_quote,$(BOOKS_URL)) $(MANIFEST)
endif

data: ## fetch the books of data/MANIFEST that data/ lacks (BOOKS_URL: URL or mirror)
	$(Q)$(LIST_BOOKS) -f - $(call shell_quote,$(BOOKS_URL)) $(MANIFEST)
.PHONY: data

# One book, for BOOKS=... runs and for make data/pg13.txt.  Only books so
# named have this rule: for any other, data/BOOK.txt is there or not, and
# the count takes data/BOOK.txt.gz when it is not.
FETCH_BOOKS ?=
$(sort $(patsubst %,data/%.txt,$(FETCH_BOOKS)) $(filter data/%.txt,$(MAKECMDGOALS))): data/%.txt:
	@mkdir -p data
	$(call say,FETCH,$*)
	$(Q)$(FETCH) $(call shell_quote,$(BOOKS_URL)) $(MANIFEST) data $*

processed_data/ results/:
	$(Q)mkdir -p $@
