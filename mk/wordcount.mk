# processed_data/ and results/: counts, Zipf table, csv, corpus.
DATS := $(patsubst %,processed_data/%.dat,$(BOOK_NAMES))
CSVS := $(patsubst %,processed_data/%.csv,$(BOOK_NAMES))
need_books = $(if $(BOOK_NAMES),,$(error no books: put some in data/, or set BOOKS_URL to a mirror))

results: $(DATS) results/results.csv results/zipf-fit.csv ## counts, Zipf table and charts of every book
csv: $(CSVS) ## processed_data/*.csv from the .dat files
corpus: results/corpus.dat ## the whole corpus's table, merged from the books'
.PHONY: results csv corpus
# The counts are kept even when only a later stage (acf, plots) asked for
# them; wc-count -o never leaves half a file, so precious is safe here.
.PRECIOUS: processed_data/%.dat

processed_data/%.dat: data/%.txt $(B)/wc-count | processed_data/
	$(RUN) $(B)/wc-count -o $@ $<

processed_data/%.csv: processed_data/%.dat $(B)/csvify
	$(B)/csvify $<

results/results.csv: $(DATS) $(B)/zipf | results/
	$(need_books)$(B)/zipf -o $@ $(N) $(DATS)

results/zipf-fit.csv: $(DATS) $(B)/zipf | results/
	$(need_books)$(B)/zipf -f -o $@ $(N) $(DATS)

results/corpus.dat: $(DATS) $(B)/wc-count | results/
	$(need_books)$(B)/wc-count -M -o $@ $(DATS)

BOOKS_DIR ?= $(TOP)/../shared/books
BENCHES += bench-pipeline
bench-pipeline: $(BINS) ## the whole pipeline from clean, timed
	$(TOP)/tests/bench/pipeline.sh $(TOP) $(B) $(BOOKS_DIR)

BENCHES += bench-wc
bench-wc: $(B)/wc-count ## wc-count against wc -w and tr|sort|uniq
	$(TOP)/tests/bench/wc-count.sh $(B) $(or $(wildcard data/*.txt),$(wildcard $(BOOKS_DIR)/*.txt))
