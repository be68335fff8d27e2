# acf: results/pgNN_acf.csv, the lesson's average word autocorrelation of
# each book (its top 10 words, 100 time steps), from the book and its .dat.
ACFFLAGS ?=

ACFS := $(patsubst %,results/%_acf.csv,$(BOOK_NAMES))
GZ_ACFS := $(patsubst %,results/%_acf.csv,$(GZ_BOOKS))
TXT_ACFS := $(patsubst %,results/%_acf.csv,$(TXT_BOOKS))
define acf_book
	$(say) ACF $*
	$(Q)$(strip $(RUN) $(B)/acf $(ACFFLAGS) -o $@ $< processed_data/$*.dat)
endef
ACF_DEPS = $(B)/acf $(call knob_stamp,ACFFLAGS) | results/
$(TXT_ACFS): results/%_acf.csv: data/%.txt processed_data/%.dat $(ACF_DEPS)
	$(acf_book)
$(GZ_ACFS): results/%_acf.csv: data/%.txt.gz processed_data/%.dat $(ACF_DEPS)
	$(acf_book)

acf: $(ACFS) ## word autocorrelation of every book: results/*_acf.csv
.PHONY: acf

BENCHES += bench-acf
bench-acf: $(B)/acf $(B)/wc-count
	$(TOP)/tests/bench/acf.sh $(B)
