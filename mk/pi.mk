# The Monte Carlo pi run: J workers write one line each into one pipe,
# pi-sum checks that every rank reported and prints the estimate.

# The dart loop needs -O3 to be vectorised (GCC's -O2 cost model declines);
# the AVX-512 clone inside is chosen at run time.  `private`: the flags
# stamp, a prerequisite, must not see them.
$(O)/pi-worker.o: private ALL_CFLAGS += -O3

# The launcher runs `pi-worker -s SEED DARTS` J times with FANOUT_RANK and
# FANOUT_SIZE set.  Once fanout exists this line becomes
#   PI_LAUNCH = $(B)/fanout -n $(J)
PI_LAUNCH = seq 0 $$(($(J) - 1)) | xargs -P $(J) -I{} env FANOUT_RANK={} FANOUT_SIZE=$(J)

# $(filter ...) makes fanout a prerequisite as soon as tools/fanout.c exists.
pi: $(B)/pi-worker $(B)/pi-sum $(filter $(B)/fanout,$(BINS)) ## estimate pi with J workers (DARTS, SEED, J)
	+$(PI_LAUNCH) $(B)/pi-worker -s $(SEED) $(DARTS) | $(B)/pi-sum
.PHONY: pi

BENCHES += bench-pi
bench-pi: $(B)/pi-worker $(B)/pi-sum
	$(TOP)/tests/bench/pi.sh $(B)
