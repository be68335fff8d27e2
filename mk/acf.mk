# acf: results/pgNN_acf.csv, the lesson's average word autocorrelation of
# each book (its top 10 words, 100 time steps), from the book and its .dat.
ACFFLAGS ?=

# Until mk/wordcount.mk provides them: the books in data/, their counts and
# the output directories.  Skipped as soon as BOOK_NAMES is defined there.
ifeq ($(origin BOOK_NAMES),undefined)
BOOK_NAMES := $(sort $(basename $(notdir $(wildcard data/*.txt))))
processed_data/%.dat: data/%.txt $(B)/wc-count | processed_data
	$(B)/wc-count -o $@ $<
processed_data results:
	mkdir -p $@
endif

ACFS := $(patsubst %,results/%_acf.csv,$(BOOK_NAMES))
# The counts are kept: make would delete them as intermediate files.
.SECONDARY: $(patsubst %,processed_data/%.dat,$(BOOK_NAMES))

results/%_acf.csv: data/%.txt processed_data/%.dat $(B)/acf | results
	$(strip $(B)/acf $(ACFFLAGS) -o $@ $< processed_data/$*.dat)

acf: $(ACFS) ## word autocorrelation of every book: results/*_acf.csv
.PHONY: acf

BENCHES += bench-acf
bench-acf: $(B)/acf $(B)/wc-count
	$(TOP)/tests/bench/acf.sh $(B)
