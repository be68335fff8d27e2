# Benchmarks: each concern adds its own target to BENCHES.  Ratios in one
# run, printed; never asserted.
bench: $(BENCHES) ## run every benchmark and print the ratios
.PHONY: bench $(BENCHES)
