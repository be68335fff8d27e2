#!/usr/bin/env bash
# table.sh ROWS STATUS: results/bench.md on stdout, from the rows that the
# benchmarks appended to ROWS (lib.sh's bench_row: bench, measure, ours,
# baseline, its figure, unit) and the lines "bench exit-status" of STATUS,
# in the order the benchmarks ran (and, after the status, the start and end
# of each, in seconds since the epoch).
set -eu -o pipefail
rows=$1 status=$2
[ -e "$rows" ] || : > "$rows"
echo "# Benchmarks"
echo
printf '%s, %s CPUs, load average %s%s.\n' "$(date -u '+%Y-%m-%d %H:%M UTC')" \
    "$(getconf _NPROCESSORS_ONLN)" "$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')" \
    "$([ "${BENCH_QUICK:-}" != 1 ] || echo ', BENCH_QUICK=1 (fewer books and runs)')"
echo
echo "Every figure is set against a baseline measured in the same run;"
echo "ratio = ours / baseline, so below 1 ours takes less (time, memory)."
echo
echo "| benchmark | measure | ours | baseline | baseline's figure | ratio |"
echo "|---|---|---:|---|---:|---:|"
while read -r name rc _; do
	awk -F'\t' -v n="$name" -v rc="$rc" '
	function cell(s) { gsub(/\|/, "\\|", s); return s }
	$1 == n { k++
		printf "| %s | %s | %s %s | %s | %s %s | %s |\n", n, cell($2),
		    $3, $6, cell($4), $5, $6,
		    ($5 > 0 ? sprintf("%.2f", $3 / $5) : "-") }
	END {
		if (rc != 0)
			printf "| %s | **FAILED** (exit %s): see its output | | | | |\n", n, rc
		else if (!k)
			printf "| %s | no figures (skipped: see its output) | | | | |\n", n
	}' "$rows"
done < "$status"
echo
awk '{ t = $4 - $3; all += t; printf "%s%s %.0f s", (NR > 1 ? ", " : "Time taken: "), $1, t }
END { printf "; %.0f s in all.\n", all }' "$status"
