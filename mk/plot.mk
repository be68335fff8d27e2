# Charts (wc-plotdata) and the report page.  BOOK_NAMES, the results/
# directory target and results/zipf-fit.csv come from wordcount.mk.
BOOK_NAMES ?=
PLOTS := $(patsubst %,results/%.$(PLOT_FORMAT),$(BOOK_NAMES))
# the acf curves that exist when make starts (make acf writes their CSVs):
# each book's, and all of them on one chart
ACF_CSVS := $(wildcard results/*_acf.csv)
ACF_PLOTS := $(patsubst %.csv,%.$(PLOT_FORMAT),$(ACF_CSVS)) \
	$(if $(ACF_CSVS),results/acf_corpus.$(PLOT_FORMAT))

results/%.$(PLOT_FORMAT): processed_data/%.dat $(B)/wc-plotdata | results/
	$(RUN) $(B)/wc-plotdata $< $@

# The shorter stem wins over the rule above for results/pgNN_acf.png.
results/%_acf.$(PLOT_FORMAT): results/%_acf.csv $(B)/wc-plotdata
	$(RUN) $(B)/wc-plotdata -t '$* word autocorrelation' $< $@

# t and each book's average (column 2: acf -a adds a header and columns)
results/acf_corpus.$(PLOT_FORMAT): $(ACF_CSVS) $(B)/wc-plotdata
	awk -F, 'FNR == 1 { k = 0; f = FILENAME; sub(/.*\//, "", f); \
	    sub(/_acf\.csv$$/, "", f); h = h "," f } \
	    $$1 !~ /^[-+.0-9]/ { next } \
	    { t[++k] = $$1; v[k] = v[k] "," $$2; if (k > m) m = k } \
	    END { print "t" h; for (i = 1; i <= m; i++) print t[i] v[i] }' \
	    $(ACF_CSVS) | \
	$(B)/wc-plotdata -l -t 'word autocorrelation, $(words $(ACF_CSVS)) books' - $@

results/index.html: results/zipf-fit.csv $(PLOTS) $(ACF_PLOTS) $(TOP)/tools/report.sh | results/
	$(TOP)/tools/report.sh -f $(PLOT_FORMAT) -o $@ $<
	@echo 'report: open file://$(abspath $@)'

results: $(PLOTS)
plots: $(PLOTS) $(ACF_PLOTS) ## every book's chart (PLOT_FORMAT=png or svg)
report: results/index.html ## results/index.html: the Zipf table and every chart
.PHONY: plots report

BENCHES += bench-plot
bench-plot: $(B)/wc-plotdata
	$(TOP)/tests/bench/plot.sh $(B)/wc-plotdata
