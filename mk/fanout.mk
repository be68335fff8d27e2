# fanout: its benchmark.  Recipes elsewhere that run fanout start with `+`
# so that it joins make's jobserver: make -jN then bounds every job.
BENCHES += bench-fanout

bench-fanout: $(B)/fanout ## fanout's per-job cost against xargs and parallel
	BIN=$(B) $(TOP)/tests/bench/fanout.sh

BENCHES += bench-hosts

bench-hosts: $(B)/fanout ## fanout -S per job against a bare ssh ControlMaster and parallel -M
	BIN=$(B) $(TOP)/tests/bench/hosts.sh
