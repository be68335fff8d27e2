# The lesson's exercises as targets: scaling, the workflow's graph, the
# steps' times and timeline, the pi run's time, parallel I/O.  Each prints
# what it found and draws it with wc-plotdata (or Graphviz for the graph).
# Their scripts live in tests/bench/ beside the benchmarks.
SCALING_J    ?= 1 2 4
SCALING_RUNS ?= 3
COPIES       ?= 1

# The whole pipeline from clean, in a scratch copy, at each -j.
scaling: $(BINS) | results/ ## time make -jN results acf for N in SCALING_J (COPIES, SCALING_RUNS); Amdahl fit
	$(say) SCALE results/scaling.csv
	$(Q)SCALING_J='$(SCALING_J)' SCALING_RUNS='$(SCALING_RUNS)' COPIES='$(COPIES)' \
	    PLOT_FORMAT='$(PLOT_FORMAT)' $(TOP)/tests/bench/scaling.sh $(TOP) $(B) results
.PHONY: scaling
