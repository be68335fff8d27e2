# acf: results/pgNN_acf.csv, the lesson's average word autocorrelation of
# each book (its top 10 words, 100 time steps), from the book and its .dat.
ACFFLAGS ?=

ACFS := $(patsubst %,results/%_acf.csv,$(BOOK_NAMES))
results/%_acf.csv: data/%.txt processed_data/%.dat $(B)/acf | results/
	$(strip $(RUN) $(B)/acf $(ACFFLAGS) -o $@ $< processed_data/$*.dat)

acf: $(ACFS) ## word autocorrelation of every book: results/*_acf.csv
.PHONY: acf

BENCHES += bench-acf
bench-acf: $(B)/acf $(B)/wc-count
	$(TOP)/tests/bench/acf.sh $(B)
