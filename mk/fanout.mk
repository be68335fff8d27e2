# fanout: its benchmark.  Recipes elsewhere that run fanout start with `+`
# so that it joins make's jobserver: make -jN then bounds every job.
BENCHES += bench-fanout

bench-fanout: $(B)/fanout ## fanout's per-job cost against xargs and parallel
	BIN=$(B) $(TOP)/tests/bench/fanout.sh
