# Benchmarks: each concern adds its own target to BENCHES.  `make bench`
# runs them one after another (never two at once, whatever -j says: they
# time the machine), goes on past a failure, writes one table of ratios,
# results/bench.md (tests/bench/table.sh), prints it, and fails if any
# benchmark failed.  BENCH_QUICK=1: fewer books and runs, under a minute.
BENCH_QUICK ?=
BENCH_OUT := results/bench.md
export BENCH_QUICK

bench: | results/ ## run every benchmark; one table of ratios, results/bench.md (BENCH_QUICK=1: quick)
	$(if $(DRY_RUN),,+)$(Q)rows=$(abspath results/.bench-rows.tsv) st=$(abspath results/.bench-status); \
	: > "$$rows"; : > "$$st"; \
	for b in $(BENCHES); do \
		printf '  %-6s %s\n' BENCH "$$b"; \
		rc=0; t=$$EPOCHREALTIME; BENCH_ROWS=$$rows BENCH_NAME=$$b \
		    $(MAKE) --no-print-directory -j1 -f $(TOP)/Makefile $$b || rc=$$?; \
		echo "$$b $$rc $$t $$EPOCHREALTIME" >> "$$st"; \
	done; \
	$(TOP)/tests/bench/table.sh "$$rows" "$$st" > $(BENCH_OUT).tmp; \
	mv -f $(BENCH_OUT).tmp $(BENCH_OUT); rm -f "$$rows" "$$st"; \
	cat $(BENCH_OUT); echo "bench: $(BENCH_OUT)"; \
	! grep -q FAILED $(BENCH_OUT)
.PHONY: bench $(BENCHES)

# The whole pipeline on synthetic books, 1,000 to 70,000 of them: minutes
# and some GB of scratch at the top size, so not part of `make bench`.
BENCH_SCALE_SIZES ?= 1000 10000 70000
bench-scale: $(BINS) ## the pipeline on 1,000 to 70,000 synthetic books against the spawn floor (BENCH_SCALE_SIZES)
	$(TOP)/tests/bench/scale.sh $(TOP) $(B) $(BENCH_SCALE_SIZES)
.PHONY: bench-scale
