#!/usr/bin/env bash
# tests/bench/hosts.sh: fanout -S's per-job cost over a reused connection,
# against the bare ControlMaster round trip and GNU parallel -S -M, on a
# throwaway sshd at 127.0.0.2 (started here, stopped by pid).  One run,
# printed, never asserted.  Needs root and openssh-server.
set -eu -o pipefail
BIN=${BIN:-$(dirname "$0")/../../bin}
FANOUT=$(cd "$BIN" && pwd)/fanout
BENCH_NAME=bench-hosts
. "$(dirname "$0")/lib.sh"
export LC_ALL=C
unset MAKEFLAGS MFLAGS
N=${FANOUT_BENCH_N:-$(runs 100 20)}	# not N: make exports its own N (a pipeline knob)
if [ "$(id -u)" != 0 ] || [ ! -x /usr/sbin/sshd ]; then
	echo "bench-hosts: needs root and /usr/sbin/sshd; skipped"
	exit 0
fi
d=$(mktemp -d)
SSHD_DIR=$d
# shellcheck source=../sshd.bash
. "$(dirname "$0")/../sshd.bash"
cleanup() {
	sshd_stop a
	rm -rf "$d"
}
trap cleanup EXIT
sshd_keys
sshd_on a 127.0.0.2
port=$PORT
cat >> "$d/ssh_config" <<CONF
Host hosta
  HostName 127.0.0.2
  Port $port
CONF

ms() { date +%s%N; }
per() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN { printf "%.2f", (b - a) / 1e6 / n }'; }

echo "fanout -S bench: $N jobs of true on one slot of 127.0.0.2 (load: $(cut -d' ' -f1-3 /proc/loadavg))"
ssh -F "$d/ssh_config" -o ControlMaster=yes -o ControlPath="$d/cm" \
	-o ControlPersist=60 -N -f hosta
t0=$(ms)
for i in $(seq "$N"); do
	ssh -F "$d/ssh_config" -o ControlPath="$d/cm" hosta true
done
t1=$(ms)
ssh -F "$d/ssh_config" -o ControlPath="$d/cm" -O exit hosta 2>/dev/null
bare=$(per "$t0" "$t1" "$N")
echo "  bare ControlMaster round trip   $bare ms/job   ssh -o ControlPath=S hosta true, in a loop"

# Per job: the difference between N and N/10 jobs, so that the one
# handshake at the start drops out.
small=$((N / 10))
export FANOUT_SSH="ssh -F $d/ssh_config"
a=$(grep -c "Accepted publickey" "$d/a.log" || true)
t0=$(ms); seq "$small" | "$FANOUT" -S 1/hosta true; t1=$(ms)
seq "$N" | "$FANOUT" -S 1/hosta true; t2=$(ms)
b=$(grep -c "Accepted publickey" "$d/a.log" || true)
fan=$(awk -v a="$t0" -v b="$t1" -v c="$t2" -v n="$N" -v m="$small" \
	'BEGIN { printf "%.2f", ((c - b) - (b - a)) / 1e6 / (n - m) }')
echo "  fanout -S 1/hosta               $fan ms/job   seq N | fanout -S 1/hosta true  (FANOUT_SSH=\"ssh -F cfg\": $((b - a)) connections for 2 runs)"
if command -v parallel >/dev/null; then
	# parallel's -M needs a one-word ssh command.
	printf '#!/bin/sh\nexec ssh -F %s "$@"\n' "$d/ssh_config" > "$d/sshw"
	chmod +x "$d/sshw"
	t0=$(ms); seq "$small" | parallel -j1 -M --ssh "$d/sshw" -S 1/hosta true; t1=$(ms)
	seq "$N" | parallel -j1 -M --ssh "$d/sshw" -S 1/hosta true; t2=$(ms)
	par=$(awk -v a="$t0" -v b="$t1" -v c="$t2" -v n="$N" -v m="$small" \
		'BEGIN { printf "%.2f", ((c - b) - (b - a)) / 1e6 / (n - m) }')
	echo "  parallel -M -S 1/hosta          $par ms/job   seq N | parallel -j1 -M --ssh sshw -S 1/hosta true"
	awk -v f="$fan" -v b="$bare" -v p="$par" 'BEGIN {
		printf "  fanout / bare: %.2fx; parallel -M / fanout: %.2fx\n", f / b, p / f }'
	bench_row "fanout -S 1/hosta (ms/job)" "$fan" "parallel -M -S 1/hosta" "$par"
else
	awk -v f="$fan" -v b="$bare" 'BEGIN { printf "  fanout / bare: %.2fx\n", f / b }'
fi
bench_row "fanout -S 1/hosta (ms/job)" "$fan" "a bare ssh through the ControlMaster" "$bare"
