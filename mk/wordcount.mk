# processed_data/ and results/: counts, Zipf table, csv, corpus.
#
# The graph is made for 100,000 books: pattern rules (a rule per book
# costs make seconds to read at 70,000), no $(shell) per book, and every
# step that takes all the books reads their list from a file (-F), a stamp
# that make writes itself and rewrites only when the list changes.
DATS := $(patsubst %,processed_data/%.dat,$(BOOK_NAMES))
# the tables this run looks at: every book's, or those fresh.mk says may
# have changed
DATS_TODO := $(patsubst %,processed_data/%.dat,$(BOOKS_TODO))
CSVS := $(patsubst %,processed_data/%.csv,$(BOOK_NAMES))
need_books = $(if $(BOOK_NAMES),,$(error no books: put some in data/, or set BOOKS_URL to a mirror))
WC_FLAGS = $(if $(filter 1,$(KEEP_BOM)),-b)
# the tables, one a line: zipf and the corpus read it with -F
DATS_LIST := $(call stamp,processed_data/.lists/dats,DATS)

# Every .dat is a prerequisite of results.csv, and through it of the rest:
# at 70,000 books each list of them costs make a tenth of a second to read.
results: results/results.csv results/zipf-fit.csv ## counts, Zipf table and charts of every book
	@$(summary)
	$(Q)$(fresh_write)
csv: ## processed_data/*.csv from the .dat files
$(call goal_only,csv,$(CSVS))
corpus: results/corpus.dat ## the whole corpus's table, merged from the books' in a tree
.PHONY: results csv corpus
# The counts are kept even when only a later stage (acf, plots) asked for
# them; wc-count -o never leaves half a file, so precious is safe here.
.PRECIOUS: processed_data/%.dat

# The run's last line: what was counted, what was skipped and why, where
# to look.
summary = printf '  %-6s %s\n' DONE '$(words $(DATS)) books counted$(if \
	$(BOOKS_NOTE),; skipped: $(BOOKS_NOTE)); results in results/ (results.csv, \
	zipf-fit.csv)$(if $(filter results/index.html,$^),; report: file://$(abspath results/index.html))'

# A book: its count, from data/BOOK.txt or else data/BOOK.txt.gz (make
# takes the first rule whose book is there: nothing makes a data/*.txt but
# the fetch rules of data.mk, for books named).  A compressed book that
# MANIFEST lists is checked against its git blob id first.
define count_book
	$(call say,COUNT,$*)
	$(Q)$(strip $(RUN) $(B)/wc-count $(WC_FLAGS) -o $@ $<)
endef
COUNT_DEPS := $(B)/wc-count $(call knob_stamp,KEEP_BOM) | processed_data/
$(call exec_direct,processed_data/%.dat)
processed_data/%.dat: data/%.txt $(COUNT_DEPS)
	$(count_book)
processed_data/%.dat: data/%.txt.gz $(wildcard $(MANIFEST)) $(COUNT_DEPS)
	$(if $(filter $*,$(VERIFY_BOOKS)),$(Q)$(FETCH) -c $(MANIFEST) $<)
	$(count_book)

processed_data/%.csv: processed_data/%.dat $(B)/csvify
	$(call say,CSV,$*)
	$(Q)$(B)/csvify $<

results/results.csv: $(DATS_TODO) $(DATS_LIST) $(B)/zipf $(call knob_stamp,N) | results/
	$(need_books)$(call say,ZIPF,$@)
	$(Q)$(B)/zipf -o $@ -F $(DATS_LIST) $(N)

results/zipf-fit.csv: results/results.csv $(DATS_LIST) $(B)/zipf $(call knob_stamp,N) | results/
	$(need_books)$(call say,ZIPF,$@)
	$(Q)$(B)/zipf -f -o $@ -F $(DATS_LIST) $(N)

# The corpus as a tree: the books' tables merged CORPUS_GROUP at a time
# into intermediate tables (processed_data/.corpus/LEVEL-FIRST.dat), those
# merged again, until one group is left for the final merge.  Groups run in
# parallel under -jN, a merge reads at most one group's tables, and memory
# follows the vocabulary.  The intermediates are in first-occurrence order
# (wc-count -u): so the final -M orders ties as one -M over every table
# would, and the bytes are the same.
CORPUS_DIR := processed_data/.corpus
ifneq ($(or $(call strip_chars,$(CORPUS_GROUP),0 1 2 3 4 5 6 7 8 9),$(filter 0 1,$(CORPUS_GROUP)),$(if $(CORPUS_GROUP),,x)),)
$(error CORPUS_GROUP=$(CORPUS_GROUP): not a whole number of at least 2)
endif
# corpus_ranges N: "1,64 65,128 ..." for N inputs
corpus_ranges = $(shell awk -v n=$1 -v g=$(CORPUS_GROUP) \
	'BEGIN { for (s = 1; s <= n; s += g) printf "%d,%d ", s, s + g - 1 }')
define corpus_group_rule
$(CORPUS_DIR)/$1.dat: $(CORPUS_IN_$1) $(call stamp,$(CORPUS_DIR)/$1.list,CORPUS_IN_$1) $(B)/wc-count | $(CORPUS_DIR)/
	$$(call say,MERGE,$$@)
	$$(Q)$(B)/wc-count -M -u -o $$@ -F $(CORPUS_DIR)/$1.list
endef
# corpus_group NAME,INPUTS: its rule; the value is its output
corpus_group = $(eval CORPUS_IN_$1 := $2)$(eval $(call corpus_group_rule,$1))$(CORPUS_DIR)/$1.dat
# corpus_tree LEVEL,INPUTS: the inputs of the final merge (LEVEL: x, x x, ...)
corpus_tree = $(call corpus_level,$1,$2,$(call corpus_ranges,$(words $2)))
corpus_level = $(if $(word 2,$3),$(call corpus_tree,$1 x,$(foreach r,$3,$(call \
	corpus_group,$(words $1)-$(firstword $(subst $(comma), ,$r)),$(wordlist \
	$(firstword $(subst $(comma), ,$r)),$(lastword $(subst $(comma), ,$r)),$2)))),$2)
# The tree's rules cost make a second to read at 70,000 books: they are
# there when a goal asks for the corpus.  Otherwise (another fragment's
# rule needs it) one merge of every table gives the same bytes; it follows
# every .dat through results.csv.
ifneq ($(filter corpus results/corpus.dat processed_data/.corpus/%,$(MAKECMDGOALS)),)
CORPUS_TOP := $(if $(DATS),$(call corpus_tree,x,$(DATS)))
CORPUS_LIST := $(call stamp,$(CORPUS_DIR)/top.list,CORPUS_TOP)
else
CORPUS_TOP := results/results.csv
CORPUS_LIST := $(DATS_LIST)
endif

results/corpus.dat: $(CORPUS_TOP) $(CORPUS_LIST) $(B)/wc-count | results/
	$(need_books)$(call say,MERGE,$@)
	$(Q)$(B)/wc-count -M -o $@ -F $(CORPUS_LIST)

BOOKS_DIR ?= $(TOP)/../shared/books
BENCHES += bench-pipeline
bench-pipeline: $(BINS) ## the whole pipeline from clean, timed
	$(TOP)/tests/bench/pipeline.sh $(TOP) $(B) $(BOOKS_DIR)

BENCHES += bench-wc
bench-wc: $(B)/wc-count ## wc-count against wc -w and tr|sort|uniq
	$(TOP)/tests/bench/wc-count.sh $(B) $(or $(wildcard data/*.txt),$(wildcard $(BOOKS_DIR)/*.txt))
