# The Monte Carlo pi run: J workers write one line each into one pipe,
# pi-sum checks that every rank reported and prints the estimate.

# The dart loop needs -O3 to be vectorised (GCC's -O2 cost model declines);
# the AVX-512 clone inside is chosen at run time.  `private`: the flags
# stamp, a prerequisite, must not see them.
$(O)/pi-worker.o: private ALL_CFLAGS += -O3

# fanout runs `pi-worker -s SEED DARTS` J times with FANOUT_RANK and
# FANOUT_SIZE set, locally or over ssh on HOSTS (fanout -S syntax,
# e.g. HOSTS=2/hostA,2/hostB), sharing make's job slots (hence `+`).
PI_LAUNCH = $(B)/fanout -n $(J) $(if $(HOSTS),-S $(HOSTS))

# Under make -n the line loses its `+`, so it is shown and not run.
pi: $(B)/pi-worker $(B)/pi-sum $(B)/fanout ## estimate pi with J workers (DARTS, SEED, J, HOSTS)
	$(if $(DRY_RUN),,+)$(PI_LAUNCH) $(B)/pi-worker -s $(SEED) $(DARTS) | $(B)/pi-sum
.PHONY: pi

BENCHES += bench-pi
bench-pi: $(B)/pi-worker $(B)/pi-sum
	$(TOP)/tests/bench/pi.sh $(B)
