# The lesson's exercises as targets: scaling, the workflow's graph, the
# steps' times and timeline, the pi run's time, parallel I/O.  Each prints
# what it found and draws it with wc-plotdata (or Graphviz for the graph).
# Their scripts live in tests/bench/ beside the benchmarks.
SCALING_J    ?= 1 2 4
SCALING_RUNS ?= 3
COPIES       ?= 1

# The whole pipeline from clean, in a scratch copy, at each -j.
scaling: $(BINS) | results/ ## time make -jN results acf for N in SCALING_J (COPIES, SCALING_RUNS); Amdahl fit
	$(call say,SCALE,results/scaling.csv)
	$(Q)SCALING_J='$(SCALING_J)' SCALING_RUNS='$(SCALING_RUNS)' COPIES='$(COPIES)' \
	    PLOT_FORMAT='$(PLOT_FORMAT)' $(TOP)/tests/bench/scaling.sh $(TOP) $(B) results
.PHONY: scaling

# The workflow's graph from make's own database (make -pn), so that it is
# the rules themselves; dag.awk keeps the files under data/, processed_data/
# and results/ that the goals reach, and collapses each per-book step into
# one node when there are more than DAG_MAX books.  The book list is made
# first (on stderr: stdout is the graph).
DAG_GOALS ?= results acf corpus
DAG_MAX   ?= 30
DAG_AWK   := $(TOP)/tests/bench/dag.awk
# not $(MAKE): a recipe line naming it would run under make -n too
DAG_MAKE  := $(MAKE)
DAG_LIST  := $(if $(strip $(BOOKS)),,$(BOOK_LIST))
define dag_dot
t=$$(mktemp "$${TMPDIR:-/tmp}/dag.XXXXXX"); trap 'rm -f "$$t" "$$t.err" $${dag_clean-}' EXIT; \
$(if $(DAG_LIST),$(DAG_MAKE) -s --no-print-directory -f $(TOP)/Makefile $(DAG_LIST) >&2;) \
$(DAG_MAKE) --no-print-directory -f $(TOP)/Makefile -pn $(DAG_GOALS) > "$$t" 2> "$$t.err" || \
	{ sed 's/^/dag: /' "$$t.err" >&2; exit 1; }; \
awk -v goals='$(DAG_GOALS)' -v max='$(DAG_MAX)' -v bindir='$(B)' -f $(DAG_AWK) "$$t"
endef

dag: $(DAG_AWK) ## the workflow as Graphviz DOT on stdout (DAG_GOALS, DAG_MAX); results/dag.svg draws it
	@$(dag_dot)

results/dag.svg: $(DAG_AWK) $(MAKEFILE_LIST) | results/
	$(call say,DOT,$@)
	$(Q)command -v dot > /dev/null || { echo 'dag: dot (Graphviz) not found: apt-get install graphviz (Debian, Ubuntu), dnf install graphviz, brew install graphviz; or paste `make dag` into any Graphviz viewer' >&2; exit 1; }
	$(Q)dag_clean='$@.dot.tmp $@.tmp'; $(dag_dot) > $@.dot.tmp; \
	dot -Tsvg -o $@.tmp $@.dot.tmp; mv -f $@.tmp $@
.PHONY: dag

# TIMES=1: every recipe line runs under tests/bench/step-shell, which logs
# its start, end, CPU time and status to processed_data/.steps.tsv; make timings and make
# timeline read the last run from there (or a fanout --joblog: JOBLOG=).
TIMES      ?=
STEP_SHELL := $(TOP)/tests/bench/step-shell
STEPS      := processed_data/.steps.tsv
ifeq ($(TIMES),1)
# bash runs the script, without a second exec through env; the logging
# still costs about 1 ms of CPU a line, hence off by default (README.md)
.SHELLFLAGS := $(STEP_SHELL) $(.SHELLFLAGS)
export STEP_LOG := $(abspath $(STEPS))
endif
JOBLOG     ?=
STEPS_IN    = $(or $(JOBLOG),$(STEPS))

timings: $(B)/wc-plotdata | results/ ## per-step times of the last TIMES=1 run (or JOBLOG=): results/timings.csv, slowest first
	$(call say,TIMES,results/timings.csv)
	$(Q)$(TOP)/tests/bench/steps.sh timings $(B) results $(STEPS_IN) $(PLOT_FORMAT)

timeline: $(B)/wc-plotdata | results/ ## the last TIMES=1 run (or JOBLOG=) as a chart of job slots against time
	$(call say,TIMES,results/exercises/timeline.$(PLOT_FORMAT))
	$(Q)$(TOP)/tests/bench/steps.sh timeline $(B) results $(STEPS_IN) $(PLOT_FORMAT)
.PHONY: timings timeline

# make pi, timed, as the lesson's MPI example prints "time spent": the
# same command as pi.mk's (PI_LAUNCH, DARTS, SEED, J, HOSTS), then the wall
# time and the darts thrown a second.
pi-time: $(B)/pi-worker $(B)/pi-sum $(B)/fanout ## make pi, then its time spent and darts a second
	$(call say,PI,$(DARTS) darts$(comma) $(J) workers$(comma) timed)
	$(if $(DRY_RUN),,+)$(Q)s=$$EPOCHREALTIME; \
	out=$$($(PI_LAUNCH) $(B)/pi-worker -s $(SEED) $(DARTS) | $(B)/pi-sum); \
	e=$$EPOCHREALTIME; printf '%s\n' "$$out"; \
	printf '%s\n' "$$out" | awk -v s="$$s" -v e="$$e" -v j='$(J)' \
	    '$$1 == "darts" { d = $$2 } END { t = e - s; printf "time spent %.3f s, %d workers, %.3g darts a second\n", t, j, (t > 0 ? d / t : 0) }'
.PHONY: pi-time

# The threading exercise's Unix answer: every table to CSV serially, by
# one csvify, by make -jN csv and by fanout -jN, plain and with each line
# written CSVIO_REPEAT times (tests/bench/csvio.sh).
BENCHES += bench-csvio
bench-csvio: $(B)/csvify $(B)/wc-count $(B)/fanout ## the threading exercise: tables to CSV serially, make -jN csv, fanout -jN
	$(TOP)/tests/bench/csvio.sh $(TOP) $(B)
.PHONY: bench-csvio
