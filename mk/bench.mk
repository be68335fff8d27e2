# Benchmarks: each concern adds its own target to BENCHES.  Ratios in one
# run, printed; never asserted.
bench: $(BENCHES) ## run every benchmark and print the ratios
.PHONY: bench $(BENCHES)

# The whole pipeline on synthetic books, 1,000 to 70,000 of them: minutes
# and some GB of scratch at the top size, so not part of `make bench`.
BENCH_SCALE_SIZES ?= 1000 10000 70000
bench-scale: $(BINS) ## the pipeline on 1,000 to 70,000 synthetic books against the spawn floor (BENCH_SCALE_SIZES)
	$(TOP)/tests/bench/scale.sh $(TOP) $(B) $(BENCH_SCALE_SIZES)
.PHONY: bench-scale
