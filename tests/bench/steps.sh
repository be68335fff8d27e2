#!/usr/bin/env bash
# steps.sh timings|timeline BIN OUTDIR LOG [FORMAT]: the steps of the last
# run, from LOG: a step log (step-shell's lines: make's pid, start, end,
# exit status, cpu, command; the last run is the lines of the last line's make)
# or a fanout/GNU parallel --joblog (recognised by its header).
#   timings:  OUTDIR/timings.csv (slowest first) and
#             OUTDIR/exercises/timings.FORMAT (a bar chart of the 20
#             slowest, in ms), the table printed;
#   timeline: OUTDIR/exercises/timeline.FORMAT, a line per job slot against time,
#             high while the slot runs a step, and the critical path as a
#             line of its own; utilisation and idle time printed.
# Slots are given to steps as make or fanout would have: each step takes
# the lowest slot free when it starts.  The critical path is the chain
# that ends with the last step, each link the step that ended last before
# the next one started: the run cannot be shorter than that chain.
set -eu -o pipefail
mode=${1:?usage: steps.sh timings|timeline BIN OUTDIR LOG [FORMAT]}
bin=${2:?} out=${3:?} log=${4:?} fmt=${5:-png}
case $mode in timings | timeline) ;; *)
	echo "usage: steps.sh timings|timeline BIN OUTDIR LOG [FORMAT]" >&2; exit 2 ;;
esac
if [ ! -s "$log" ]; then
	echo "$mode: $log: no steps recorded: run the pipeline with TIMES=1 first" \
	    "(make -j2 results acf TIMES=1), or give a fanout --joblog as JOBLOG=" >&2
	exit 1
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/steps.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
img=$out/exercises	# charts apart: results/NAME.png is book NAME's chart
mkdir -p "$out" "$img"

# The last run as "start end status label cpu<TAB>command", start and end
# in seconds from the run's first start, sorted by start.
awk -F'\t' '
function base(p) { sub(/\/+$/, "", p); sub(/.*\//, "", p); return p }
# label: the file a command writes (-o FILE, else its last word if that is
# a file name), else its tool, else "shell" (a line of shell code)
function label(c,   w, n, i, out, tool) {
	n = split(c, w, " ")
	for (i = 1; i <= n && (w[i] ~ /^[A-Za-z_][A-Za-z0-9_]*=/ || w[i] == "+"); i++) ;
	tool = base(w[i])
	if (tool !~ /^[A-Za-z0-9._+-]+$/) tool = "shell"
	out = ""
	for (; i < n; i++) if (w[i] == "-o") { out = w[i + 1]; break }
	if (out == "" && n > 1 && w[n] ~ /^[A-Za-z0-9._\/+-]+$/ && w[n] ~ /[.\/]/) out = w[n]
	out = base(out)
	if (out !~ /^[A-Za-z0-9._+-]+$/) out = tool
	return out
}
NR == 1 && $1 == "Seq" && $3 == "Starttime" { joblog = 1; next }
joblog { if (NF < 9) next
	s[++n] = $3; e[n] = $3 + $4; st[n] = $7; cpu[n] = "-"; cmd[n] = $9; next }
NF >= 6 && $2 ~ /^[0-9.]+$/ && $3 ~ /^[0-9.]+$/ {
	if ($1 != pid) { n = 0; pid = $1 }	# a new run: keep only the last
	if ($6 ~ /^(printf|echo|:|true)( |$)/) next	# the one-line progress notes
	s[++n] = $2; e[n] = $3; st[n] = $4; cpu[n] = ($5 == "" ? "-" : $5); cmd[n] = $6
}
END {
	if (!n) exit 1
	t0 = s[1]
	for (i = 1; i <= n; i++) if (s[i] < t0) t0 = s[i]
	for (i = 1; i <= n; i++)
		printf "%.6f %.6f %d %s %s\t%s\n", s[i] - t0, e[i] - t0, st[i], label(cmd[i]), cpu[i], cmd[i]
}' "$log" | sort -g -k1,1 > "$tmp/steps" || {
	echo "$mode: $log: no steps in it" >&2
	exit 1
}

# slots (lowest free one at each start) and the critical path; a joblog's
# times are rounded to the ms, so there a step may seem to start up to
# 1 ms before the one it follows ends
eps=0.000001
# (no head | grep -q, nor | head below: under pipefail the writer's SIGPIPE
# would fail the script when the reader stops early)
[[ $(head -n 1 "$log") == Seq* ]] && eps=0.0015
awk -F'\t' -v eps="$eps" '
{ split($1, f, " "); n++; s[n] = f[1]; e[n] = f[2]; st[n] = f[3]; lab[n] = f[4]; cpu[n] = f[5]; cmd[n] = $2 }
END {
	for (i = 1; i <= n; i++) {
		for (k = 1; k <= K && free_at[k] > s[i] + eps; k++) ;
		if (k > K) K = k
		slot[i] = k; free_at[k] = e[i]
		if (e[i] > e[last]) last = i
	}
	for (c = last; c; c = p) {
		crit[c] = 1; p = 0
		for (i = 1; i <= n; i++)
			if (i != c && e[i] <= s[c] + 1e-3 && (!p || e[i] > e[p])) p = i
	}
	for (i = 1; i <= n; i++)
		printf "%s %s %s %s %d %d %s\t%s\n", s[i], e[i], st[i], lab[i], slot[i], crit[i] ? 1 : 0, cpu[i], cmd[i]
}' "$tmp/steps" > "$tmp/slots"

summary() {
	awk -F'\t' '{ split($1, f, " "); n++; if (f[2] > w) w = f[2]; sum += f[2] - f[1]
		if (f[5] > k) k = f[5]; if (f[6]) { cp += f[2] - f[1]; m++ } }
	END { printf "%d steps in %.3f s of wall time; %.3f s of step time: %.2f steps" \
		" at once on average, at most %d\n", n, w, sum, (w > 0 ? sum / w : 0), k
	    printf "critical path: %d steps, %.3f s busy (%.0f%% of the run)\n", m, cp,
		(w > 0 ? 100 * cp / w : 0) }' "$tmp/slots"
}

if [ "$mode" = timings ]; then
	sort -t' ' -g -r -k2,2 "$tmp/slots" | awk -F'\t' '
	function csv(x) { gsub(/"/, "\"\"", x); return "\"" x "\"" }
	BEGIN { print "step,seconds,cpu,start,end,exit,slot,critical,command" }
	{ split($1, f, " ")
	  printf "%s,%.6f,%s,%.6f,%.6f,%d,%d,%d,%s\n", csv(f[4]), f[2] - f[1],
	      (f[7] == "-" ? "" : f[7]), f[1], f[2], f[3], f[5], f[6], csv($2) }' > "$tmp/t.csv"
	# slowest first: sort on the duration, not the start
	{ head -n 1 "$tmp/t.csv"; tail -n +2 "$tmp/t.csv" | sort -t, -k2,2 -g -r; } \
	    > "$out/timings.csv.tmp"
	mv -f "$out/timings.csv.tmp" "$out/timings.csv"
	tail -n +2 "$out/timings.csv" | awk -F, '{ sum += $2 } END { print sum }' > "$tmp/sum"
	# the chart: a .dat table (word count percent) of the slowest, in ms
	tail -n +2 "$out/timings.csv" | awk -F, -v sum="$(cat "$tmp/sum")" '
	{ l = $1; gsub(/"/, "", l); ms = int($2 * 1000 + 0.5)
	  if (ms > 0) printf "%s %d %.4f\n", l, ms, (sum > 0 ? 100 * $2 / sum : 0) }' > "$tmp/t.dat"
	"$bin/wc-plotdata" -n 20 -t "the slowest steps of the last run (ms)" \
	    "$tmp/t.dat" "$img/timings.$fmt"
	echo "timings: the slowest steps of the last run ($log):"
	printf '  %9s %6s %9s %5s  %s\n' seconds cpu start slot step
	awk -F, 'NR > 16 { exit } NR > 1 { l = $1; gsub(/"/, "", l)
		printf "  %9.3f %6s %9.3f %5d  %s%s\n", $2, ($3 == "" ? "-" : $3), $4, $7, l,
		    ($8 ? "  (critical path)" : "") }' "$out/timings.csv"
	summary | sed 's/^/  /'
	echo "timings: $out/timings.csv, $img/timings.$fmt"
	exit 0
fi

# timeline: for each slot k a line at k, at k + 0.7 while it runs a step;
# the critical path at 0 / 0.7.  Two rows at every moment something starts
# or ends (just before, just after), so that the edges are upright.
K=$(awk '{ if ($5 > k) k = $5 } END { print k }' "$tmp/slots")
awk -F'\t' -v K="$K" '
{ split($1, f, " ")
  ev[++m] = f[1] " 1 " f[5] " " f[6]; ev[++m] = f[2] " -1 " f[5] " " f[6] }
END {
	for (i = 1; i <= m; i++) print ev[i]
}' "$tmp/slots" | sort -g -k1,1 -k2,2n | awk -v K="$K" '
function row(t,   k, line) {
	line = sprintf("%.4f", t)
	for (k = 1; k <= K; k++) line = line "," (busy[k] > 0 ? k + 0.7 : k)
	print line "," (cbusy > 0 ? 0.7 : 0)
}
BEGIN {
	printf "t"; for (k = 1; k <= K; k++) printf ",slot %d", k; print ",critical path"
}
{
	if (NR == 1 || $1 != t) { if (NR > 1) row(t); row($1); t = $1 }
	busy[$3] += $2; if ($4) cbusy += $2
}
END { row(t) }' > "$tmp/timeline.csv"
w=$(tail -n 1 "$tmp/timeline.csv" | awk -F, '{ printf "%.2f", $1 }')
"$bin/wc-plotdata" -l -x 'seconds since the run began' -y 'job slot' \
    -t "the last run, $K job slots: a slot is high while it runs a step ($w s)" \
    "$tmp/timeline.csv" "$img/timeline.$fmt"
echo "timeline: the last run ($log):"
awk -v K="$K" '{ b[$5] += $2 - $1; if ($2 > w) w = $2 }
END { for (k = 1; k <= K; k++)
	printf "  slot %d: busy %.3f s of %.3f s (%.0f%%), idle %.3f s\n", k, b[k], w,
	    (w > 0 ? 100 * b[k] / w : 0), w - b[k] }' "$tmp/slots"
summary | sed 's/^/  /'
echo "  the critical path, in order:"
awk -F'\t' '{ split($1, f, " ") } f[6] && ++m <= 12 { printf "    %8.3f %8.3f  %s\n", f[1], f[2], f[4] }' "$tmp/slots"
echo "timeline: $img/timeline.$fmt"
