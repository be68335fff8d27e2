#!/usr/bin/env bash
# tests/bench/pi.sh BIN: pi-worker's darts per second on one core (the
# dispatched kernel and the forced generic one) and the scaling from 1 to
# 2 workers.  One run each, printed against the anchors of
# shared/notes/perf-limits.md section 4; never asserted.  BENCH_QUICK=1:
# a quarter of the darts.
set -eu -o pipefail
B=${1:-bin}
export LC_ALL=C
BENCH_NAME=bench-pi
. "$(dirname "$0")/lib.sh"

# secs CMD...: wall-clock seconds of one run, output discarded.
secs() {
	local t0 t1
	t0=$(date +%s%N)
	"$@" >/dev/null
	t1=$(date +%s%N)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'
}

rate() {	# darts seconds -> millions of darts a second
	awk -v d="$1" -v s="$2" 'BEGIN { printf "%.0f", d / s / 1e6 }'
}

kernel=$("$B/pi-worker" -v 1000 2>&1 >/dev/null | sed 's/.*kernel //')
echo "pi-worker kernel chosen here: $kernel"

D=$(runs 4000000000 100000000)
echo "\$ $B/pi-worker $D"
t=$(secs "$B/pi-worker" $D)
fast=$(rate $D "$t")
echo "  ${t} s = $fast M darts/s ($kernel)"

G=$(runs 1000000000 50000000)
echo "\$ PI_ISA=generic $B/pi-worker $G"
t=$(PI_ISA=generic secs "$B/pi-worker" $G)
gen=$(rate $G "$t")
echo "  ${t} s = $gen M darts/s (generic)"

ms() { awk -v d="$1" -v r="$2" 'BEGIN { printf "%.0f", d / r / 1e6 * 1000 }'; }
bench_row "$G darts, dispatched kernel ($kernel)" "$(ms "$G" "$fast")" "the generic kernel" "$(ms "$G" "$gen")"
echo "ratios (M darts/s): notes' C prototype counter splitmix64: 1267 at -O3" \
	"-march=native, 385 at -O2; the lesson's Python loop: 3.3"
awk -v f="$fast" -v g="$gen" 'BEGIN {
	printf "  dispatched: %.2fx the -O3 native prototype, %.0fx Python\n", f / 1267, f / 3.3
	printf "  generic:    %.2fx the -O2 scalar prototype, %.0fx Python\n", g / 385, g / 3.3
	printf "  dispatched / generic: %.1fx\n", f / g
}'

# Strong scaling: the same 8e9 darts by 1 worker, then split over 2.
S=$(runs 8000000000 200000000)
echo "\$ $B/pi-worker $S | $B/pi-sum"
t1=$(secs bash -c "'$B/pi-worker' $S | '$B/pi-sum'")
echo "  1 worker:  ${t1} s"
echo "\$ printf '0\\n1\\n' | xargs -P 2 -I{} $B/pi-worker -r {} -R 2 $S | $B/pi-sum"
t2=$(secs bash -c "printf '0\n1\n' | xargs -P 2 -I{} '$B/pi-worker' -r {} -R 2 $S | '$B/pi-sum'")
echo "  2 workers: ${t2} s"
awk -v a="$t1" -v b="$t2" 'BEGIN {
	printf "  speed-up %.2fx, efficiency %.0f%% (at least 90%% expected on a quiet machine)\n", a / b, 100 * a / (2 * b)
}'
bench_row "$S darts, 2 workers" "$(awk -v s="$t2" 'BEGIN { printf "%.0f", s * 1000 }')" \
    "1 worker" "$(awk -v s="$t1" 'BEGIN { printf "%.0f", s * 1000 }')"
echo "  load average: $(cut -d' ' -f1-3 /proc/loadavg)"
