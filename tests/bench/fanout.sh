#!/usr/bin/env bash
# tests/bench/fanout.sh: fanout's per-job overhead, start-up and memory
# against the peers installed here (xargs, GNU parallel, rush).  One run of
# each, printed, never asserted; then -X per item, and --pipe / --pipe-part
# throughput on the books ten times over against parallel (PIPE_BENCH=0:
# not).  BIN: where fanout is (default bin/).  BENCH_QUICK=1: 300 jobs, 5
# start-up runs, 20,000 -X items, the books twice over.
set -eu -o pipefail
BIN=${BIN:-$(dirname "$0")/../../bin}
FANOUT=$(cd "$BIN" && pwd)/fanout
BENCH_NAME=bench-fanout
. "$(dirname "$0")/lib.sh"
export LC_ALL=C
unset MAKEFLAGS MFLAGS
N=$(runs 2000 100)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

have() { command -v "$1" >/dev/null 2>&1; }

# run NAME CMD: wall and CPU (user+sys, the whole tree) of bash -c CMD.
declare -A wall cpu
run() {
	local t
	/usr/bin/time -f '%e %U %S' -o "$tmp/t" bash -c "$2" >/dev/null
	read -r w u s < "$tmp/t"
	wall[$1]=$w
	cpu[$1]=$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')
	awk -v n="$N" -v w="$w" -v c="${cpu[$1]}" -v name="$1" -v cmd="$2" \
		'BEGIN { printf "  %-16s %6.4f ms/job wall %6.4f ms/job cpu   %s\n",
			name, 1000 * w / n, 1000 * c / n, cmd }'
}

# row A B: the table's row, A against B, ms per job.
row() {
	bench_row "$N jobs at -j2, $1 (ms/job)" \
	    "$(awk -v w="${wall[$1]}" -v n="$N" 'BEGIN { printf "%.3f", 1000 * w / n }')" "$2" \
	    "$(awk -v w="${wall[$2]}" -v n="$N" 'BEGIN { printf "%.3f", 1000 * w / n }')"
}

ratio() {
	awk -v a="${wall[$1]}" -v b="${wall[$2]}" -v ca="${cpu[$1]}" \
		-v cb="${cpu[$2]}" -v x="$1" -v y="$2" \
		'BEGIN { printf "  %s / %s: %.2fx wall, %.2fx cpu\n", x, y,
			a / b, ca / cb }'
}

echo "fanout bench: $N jobs at -j2 (load: $(cut -d' ' -f1-3 /proc/loadavg))"
echo "per job, trivial jobs (true):"
run fanout "seq $N | $FANOUT -j2 true"
run xargs "seq $N | xargs -P2 -n1 true"
have parallel && run parallel "seq $N | parallel -j2 true"
have rush && run rush "seq $N | rush -j 2 true"
ratio fanout xargs
have parallel && ratio parallel fanout
have rush && ratio rush fanout
row fanout xargs
have parallel && row fanout parallel

echo "per job, 10 lines of output each, grouped by fanout and parallel:"
run fanout-10 "seq $N | $FANOUT -j2 seq -f '{}.%g' 10 | wc -l"
run xargs-10 "seq $N | xargs -P2 -I{} seq -f '{}.%g' 10 | wc -l"
have parallel && run parallel-10 "seq $N | parallel -j2 seq -f '{}.%g' 10 | wc -l"
ratio fanout-10 xargs-10
have parallel && ratio parallel-10 fanout-10
row fanout-10 xargs-10

echo "start-up, one item (hyperfine median of $(runs 20 3), shell start-up subtracted):"
if have hyperfine && have python3; then
	cmds=("echo 1 | $FANOUT true" "echo 1 | xargs true")
	have parallel && cmds+=("echo 1 | parallel true")
	hyperfine -S sh --runs "$(runs 20 3)" --warmup "$(runs 2 1)" --export-json "$tmp/h.json" \
		"${cmds[@]}" >/dev/null 2>&1
	python3 - "$tmp/h.json" > "$tmp/med" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print("%.3f\t%s" % (r["median"] * 1000, r["command"]))
PY
	awk -F'\t' '{ printf "  %8.2f ms   %s\n", $1, $2 }' "$tmp/med"
	bench_row "start-up, one item" "$(sed -n '1s/\t.*//p' "$tmp/med")" \
	    "xargs" "$(sed -n '2s/\t.*//p' "$tmp/med")"
else
	echo "  hyperfine or python3 not installed"
fi

echo "memory (max RSS, KiB, of the largest process: fanout, seq or a job):"
for n in $(runs "2000 10000" 2000); do
	/usr/bin/time -f '%M' -o "$tmp/m" bash -c \
		"seq $n | exec $FANOUT -j2 true"
	echo "  $(cat "$tmp/m")   seq $n | fanout -j2 true"
done
/usr/bin/time -f '%M' -o "$tmp/m" bash -c \
	"seq $(runs 1000000 100000) | exec $FANOUT --dry-run true > /dev/null"
echo "  $(cat "$tmp/m")   seq $(runs 1000000 100000) | fanout --dry-run true (same item reader)"

# Many items per job: what -X saves over a process per item (per item).
N=$(runs 200000 20000)
echo "per item, $N items, -X (as many a job as fit a command line):"
run fanout-X "seq $N | $FANOUT -j2 -X true"
run xargs-X "seq $N | xargs -P2 true"
have parallel && run parallel-X "seq $N | parallel -j2 -X true"
ratio fanout-X xargs-X
bench_row "$N items, -X at -j2 (s)" "${wall[fanout-X]}" "xargs -P2" "${wall[xargs-X]}" s
have parallel && ratio parallel-X fanout-X

# --pipe throughput: the books ten times over (327 MB), counted by wc -l
# (cheap, so the splitter's cost shows) at -j2, 1M blocks.
if [ "${PIPE_BENCH:-1}" != 0 ]; then
	bench_books "$(dirname "$0")/../.."
	bench_plain "$tmp/books"
	big=$tmp/books10.txt
	for i in $(seq "$(runs 10 2)"); do cat "${BOOKS[@]}"; done > "$big"
	MB=$(( $(wc -c < "$big") / 1000000 ))
	echo "--pipe throughput, $MB MB (the books x$(runs 10 2)), wc -l per 1M block, -j2:"
	pipe() {
		/usr/bin/time -f '%e %M' -o "$tmp/t" bash -c "$2" > "$tmp/out"
		read -r w m < "$tmp/t"
		awk -v n="$1" -v w="$w" -v m="$m" -v mb="$MB" -v s="$(awk '{ s += $1 } END { print s }' "$tmp/out")" \
			'BEGIN { printf "  %-22s %6.2f s %7.0f MB/s  max RSS %6d KiB  lines %d\n", n, w, mb / w, m, s }'
		wall[$1]=$w
	}
	pipe cat "cat $big | wc -l"
	pipe fanout--pipe "cat $big | $FANOUT -j2 --pipe --block 1M wc -l"
	pipe fanout--pipe-part "$FANOUT -j2 --pipe-part -a $big --block 1M wc -l"
	if have parallel; then
		pipe parallel--pipe "cat $big | parallel -j2 --pipe --block 1M wc -l"
		pipe parallel--pipe-part "parallel -j2 --pipe-part -a $big --block 1M wc -l"
		awk -v a="${wall[parallel--pipe]}" -v b="${wall[fanout--pipe]}" \
			-v c="${wall[parallel--pipe-part]}" -v d="${wall[fanout--pipe-part]}" \
			'BEGIN { printf "  parallel / fanout: --pipe %.2fx, --pipe-part %.2fx wall\n", a / b, c / d }'
		bench_row "--pipe, $MB MB, wc -l per 1M block (s)" "${wall[fanout--pipe]}" \
		    "parallel --pipe" "${wall[parallel--pipe]}" s
		bench_row "--pipe-part, $MB MB (s)" "${wall[fanout--pipe-part]}" \
		    "parallel --pipe-part" "${wall[parallel--pipe-part]}" s
	fi
fi
