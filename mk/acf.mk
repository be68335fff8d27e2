# acf: results/pgNN_acf.csv, the lesson's average word autocorrelation of
# each book (its top 10 words, 100 time steps), from the book and its .dat.
ACFFLAGS ?=

ACFS := $(patsubst %,results/%_acf.csv,$(BOOK_NAMES))
define acf_book
	$(call say,ACF,$*)
	$(Q)$(strip $(RUN) $(B)/acf $(ACFFLAGS) -o $@ $< processed_data/$*.dat)
endef
# from data/BOOK.txt, or else data/BOOK.txt.gz, as its count
ACF_DEPS := $(B)/acf $(call knob_stamp,ACFFLAGS) | results/
$(call exec_direct,results/%_acf.csv)
results/%_acf.csv: data/%.txt processed_data/%.dat $(ACF_DEPS)
	$(acf_book)
results/%_acf.csv: data/%.txt.gz processed_data/%.dat $(ACF_DEPS)
	$(acf_book)

acf: ## word autocorrelation of every book: results/*_acf.csv
$(call goal_only,acf,$(ACFS))
.PHONY: acf

BENCHES += bench-acf
bench-acf: $(B)/acf $(B)/wc-count
	$(TOP)/tests/bench/acf.sh $(B)
