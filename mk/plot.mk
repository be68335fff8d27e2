# Charts (wc-plotdata) and the report page.  BOOK_NAMES, the results
# directory target and results/results.csv come from wordcount.mk.
BOOK_NAMES ?=
PLOTS := $(patsubst %,results/%.$(PLOT_FORMAT),$(BOOK_NAMES))
# the acf curves that exist when make starts (make acf writes their CSVs)
ACF_PLOTS := $(patsubst %.csv,%.$(PLOT_FORMAT),$(wildcard results/*_acf.csv))

results/%.$(PLOT_FORMAT): processed_data/%.dat $(B)/wc-plotdata | results
	$(B)/wc-plotdata $< $@

# The shorter stem wins over the rule above for results/pgNN_acf.png.
results/%_acf.$(PLOT_FORMAT): results/%_acf.csv $(B)/wc-plotdata
	$(B)/wc-plotdata -t '$* word autocorrelation' $< $@

results/index.html: results/results.csv $(PLOTS) $(ACF_PLOTS) $(TOP)/tools/report.sh | results
	$(TOP)/tools/report.sh -f $(PLOT_FORMAT) -o $@ $<

plots: $(PLOTS) $(ACF_PLOTS) ## every book's chart (PLOT_FORMAT=png or svg)
report: results/index.html ## results/index.html: the Zipf table and every chart
.PHONY: plots report

BENCHES += bench-plot
bench-plot: $(B)/wc-plotdata
	$(TOP)/tests/bench/plot.sh $(B)/wc-plotdata
