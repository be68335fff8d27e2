#!/usr/bin/env bash
# usage: start.sh [BINDIR]
#
# What a process start costs here: /bin/true (dynamic glibc), a do-nothing
# program linked statically against glibc and, where musl-gcc is
# installed, against musl, and BINDIR's wc-count on an empty book when
# given (its own start-up, next to no work).  CPU (task-clock) and page
# faults a start, from perf stat over START_RUNS (2,000) starts, else the
# wall time a start of a bash loop.  Printed, never asserted.
set -eu -o pipefail
n=${START_RUNS:-2000}
w=$(mktemp -d "${TMPDIR:-/tmp}/bench-start.XXXXXX")
trap 'rm -rf "$w"' EXIT
printf 'int main(void) { return 0; }\n' >"$w/e.c"
names=("/bin/true (dynamic)")
cmds=(/bin/true)
if ${CC:-cc} -O2 -static -o "$w/e-glibc" "$w/e.c" 2>/dev/null; then
	names+=("do-nothing, static ${CC:-cc}")
	cmds+=("$w/e-glibc")
fi
if command -v musl-gcc >/dev/null && musl-gcc -O2 -static -o "$w/e-musl" "$w/e.c" 2>/dev/null; then
	names+=("do-nothing, static musl-gcc")
	cmds+=("$w/e-musl")
fi
if [ $# -ge 1 ] && [ -x "$1/wc-count" ]; then
	names+=("$1/wc-count /dev/null")
	cmds+=("$1/wc-count /dev/null")
fi
printf '%-40s %12s %12s\n' "a start of" "CPU us" "page faults"
for i in "${!cmds[@]}"; do
	rm -f "$w/ps"	# not the last program's figures if perf fails
	if command -v perf >/dev/null &&
	    perf stat -r "$n" -x, -e task-clock,page-faults -o "$w/ps" -- \
	        ${cmds[$i]} >/dev/null 2>&1; [ -s "$w/ps" ]; then
		awk -F, -v name="${names[$i]}" '
		    /task-clock/ { cpu = $1 * 1000 }
		    /page-faults/ { pf = $1 }
		    END { printf "%-40s %12.0f %12s\n", name, cpu, pf }' "$w/ps"
	else
		s=$(date +%s%N)
		for ((k = 0; k < n; k++)); do ${cmds[$i]} 2>/dev/null || true; done
		e=$(date +%s%N)
		printf '%-40s %12.0f %12s\n' "${names[$i]}" $(((e - s) / n / 1000)) "n/a (wall, with bash's fork)"
	fi
done
