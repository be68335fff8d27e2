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
