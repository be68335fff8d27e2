#!/usr/bin/env bats
load test_helper

F=$FIX/fanout
# Hermetic: make check's own jobserver must not reach these fanouts.
unset MAKEFLAGS MFLAGS MAKELEVEL
# make check passes WC_BIN relative to the tree; tests here change directory.
BIN=$(cd "$BIN" && pwd)
PATH=$BIN:$PATH

# max_running LOG: the most span.sh jobs that ran at once.
max_running() {
	sort -k2,2n "$1" | awk -f "$F/maxconc.awk"
}

# none_left MARK: no process has MARK in its command line.
none_left() {
	local left
	sleep 0.2
	left=$(pgrep -f -- "$1" || true)
	[ -z "$left" ] || {
		ps -o pid,ppid,stat,args -p $left
		kill -KILL $left 2>/dev/null || true
		return 1
	}
}

@test "fanout: bad option and no command are usage errors" {
	run -2 --separate-stderr fanout -Z echo
	usage_ok fanout
	run -2 --separate-stderr fanout -j
	usage_ok fanout
	run -2 --separate-stderr fanout
	usage_ok fanout
	run -2 --separate-stderr fanout -j x echo
	[[ "$stderr" == *'jobs "x" is not a number'* ]]
	run -2 --separate-stderr fanout --halt sometime echo
	usage_ok fanout
	run -2 --separate-stderr fanout -n 2 echo ::: a
	usage_ok fanout
	run -2 --separate-stderr fanout --resume echo ::: a
	usage_ok fanout
	run -2 --separate-stderr fanout --env 'X;touch pwned' echo ::: a
	usage_ok fanout
	run -2 --separate-stderr fanout -S -oProxyCommand=x echo ::: a
	[[ "$stderr" == *'"-oProxyCommand=x" is not a host'* ]]
	run -2 --separate-stderr fanout -S 0/host echo ::: a
	[[ "$stderr" == *'host slots "0" is out of range'* ]]
}

@test "fanout: -h prints the usage on stdout" {
	run -0 --separate-stderr fanout -h
	[[ "$output" == "usage: fanout "* ]]
	[ -z "$stderr" ]
}

@test "fanout: items after ::: are appended to the command" {
	run -0 fanout -k echo item: ::: a b c
	[ "$output" = $'item: a\nitem: b\nitem: c' ]
}

@test "fanout: items from stdin, one a line, empty ones kept" {
	run -0 bash -c 'printf "x\n\ny z\n" | fanout -k printf "[%s]\n"'
	[ "$output" = $'[x]\n[]\n[y z]' ]
}

@test "fanout: -0 reads NUL-terminated items, newlines and all" {
	run -0 bash -c 'printf "a\nb\0c\0" | fanout -0 -k printf "<%s>\n"'
	[ "$output" = $'<a\nb>\n<c>' ]
}

@test "fanout: no items, no jobs" {
	run -0 fanout echo hi :::
	[ -z "$output" ]
	run -0 bash -c ': | fanout echo hi'
	[ -z "$output" ]
}

@test "fanout: every replacement string" {
	run -0 fanout -j1 -k echo {} {.} {/} {//} {/.} {#} {%} ::: \
		a.b/c.d.e file /top x/
	[ "${lines[0]}" = "a.b/c.d.e a.b/c.d c.d.e a.b c.d 1 1" ]
	[ "${lines[1]}" = "file file file . file 2 1" ]
	[ "${lines[2]}" = "/top /top top / top 3 1" ]
	[ "${lines[3]}" = "x/ x/  .  4 1" ]
}

@test "fanout: a replacement string inside a word; none appended then" {
	run -0 fanout -k echo pre-{/.}.csv ::: dir/x.dat y.dat
	[ "$output" = $'pre-x.csv\npre-y.csv' ]
}

@test "fanout: {%} is the slot, never above -j, unique among running jobs" {
	run -0 fanout -j3 sh -c 'echo {%}; sleep 0.05' ::: 1 2 3 4 5 6 7 8 9
	[ "$(sort -u <<<"$output" | tr '\n' ' ')" = "1 2 3 " ]
}

@test "fanout: several words run directly: no shell sees the item" {
	cd "$BATS_TEST_TMPDIR"
	item='a b;$(touch pwned)`touch pwned2`'"'"'"'
	run -0 fanout printf '%s\n' ::: "$item" "-n" "--x"
	[ "$(sort <<<"$output")" = "$(printf '%s\n' -n --x "$item" | sort)" ]
	[ ! -e pwned ] && [ ! -e pwned2 ]
}

@test "fanout: a single word with shell syntax runs under sh, items quoted" {
	cd "$BATS_TEST_TMPDIR"
	run -0 fanout -k 'printf "%s|" {} | wc -c' ::: 'a b;$(touch pwned)' \
		"it's" '-n' '$HOME' '*'
	[ "$output" = $'19\n5\n3\n6\n2' ]
	[ ! -e pwned ]
}

@test "fanout: hostile items with -0 and newlines stay one argument" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\0' $'x\n$(touch pwned)' "'; touch pwned2; '" > items
	run -0 bash -c 'fanout -0 -k "printf \"<%s>\" {} > \"out.{#}\"" < items'
	[ "$(cat out.1)" = $'<x\n$(touch pwned)>' ]
	[ "$(cat out.2)" = "<'; touch pwned2; '>" ]
	[ ! -e pwned ] && [ ! -e pwned2 ]
}

@test "fanout: FANOUT_RANK, FANOUT_SIZE and FANOUT_SLOT" {
	run -0 fanout -j1 -k sh -c 'echo $FANOUT_RANK/$FANOUT_SIZE/$FANOUT_SLOT' \
		_ ::: a b c
	[ "$output" = $'0/3/1\n1/3/1\n2/3/1' ]
	# From stdin the size is not known when the first job starts.
	run -0 bash -c 'printf "a\nb\n" | FANOUT_SIZE=9 fanout -j1 -k sh -c \
		"echo \$FANOUT_RANK/\${FANOUT_SIZE-unset}" _'
	[ "$output" = $'0/unset\n1/unset' ]
}

@test "fanout: -n runs count jobs with ranks and no item" {
	run -0 fanout -n 4 -k sh -c 'echo $FANOUT_RANK of $FANOUT_SIZE $#'
	[ "$output" = $'0 of 4 0\n1 of 4 0\n2 of 4 0\n3 of 4 0' ]
	run -0 fanout -n 2 -k echo rank {}
	[ "$output" = $'rank 0\nrank 1' ]
}

@test "fanout: jobs read /dev/null, not fanout's stdin" {
	run -0 bash -c 'printf "a\nb\n" | fanout -k sh -c "cat; echo got \$0"'
	[ "$output" = $'got a\ngot b' ]
}

@test "fanout: 50 jobs of 1,000 lines never interleave" {
	run -0 bash -c "seq 50 | fanout -j8 $F/lines.sh {} 1000"
	[ "${#lines[@]}" -eq 50000 ]
	# Each job's lines come out as one block, in order.
	run -0 awk '$1 != prev { if (seen[$1]++) bad++; blocks++; n = 0 }
		{ if ($2 != ++n) bad++; prev = $1 }
		END { print blocks, bad + 0 }' <<<"$output"
	[ "$output" = "50 0" ]
}

@test "fanout: -k writes in input order, whatever the finishing order" {
	run -0 fanout -j4 -k sh -c 'sleep $1; echo $1' _ ::: 0.4 0.2 0.3 0 0.1
	[ "$output" = $'0.4\n0.2\n0.3\n0\n0.1' ]
	run -0 fanout -j4 sh -c 'sleep $1; echo $1' _ ::: 0.4 0.2 0
	[ "$output" = $'0\n0.2\n0.4' ]
}

@test "fanout: stderr is grouped per job too, apart from stdout" {
	run -0 --separate-stderr fanout -k sh -c \
		'echo out $1; echo err $1 >&2; sleep 0.0$1; echo err2 $1 >&2' _ ::: 1 2
	[ "$output" = $'out 1\nout 2' ]
	[ "$stderr" = $'err 1\nerr2 1\nerr 2\nerr2 2' ]
}

@test "fanout: --line-buffer passes whole lines on before the job ends" {
	run -0 fanout -j2 --line-buffer sh -c \
		'if [ $1 = slow ]; then echo first; sleep 0.6; echo last;
		 else sleep 0.3; echo middle; fi' _ ::: slow fast
	[ "$output" = $'first\nmiddle\nlast' ]
	# Grouped, the slow job's lines stay together.
	run -0 fanout -j2 sh -c \
		'if [ $1 = slow ]; then echo first; sleep 0.6; echo last;
		 else sleep 0.3; echo middle; fi' _ ::: slow fast
	[ "$output" = $'middle\nfirst\nlast' ]
}

@test "fanout: --line-buffer with -k streams the oldest job only" {
	run -0 fanout -j2 -k --line-buffer sh -c \
		'if [ $1 = a ]; then sleep 0.4; echo a1; else echo b1; fi' _ ::: a b
	[ "$output" = $'a1\nb1' ]
}

@test "fanout: --line-buffer never splits a line" {
	run -0 bash -c "seq 20 | fanout -j4 --line-buffer $F/lines.sh {} 20"
	[ "${#lines[@]}" -eq 400 ]
	run grep -cvE '^[0-9]+ [0-9]+$' <<<"$output"
	[ "$output" = 0 ]
}

@test "fanout: --tag prefixes each line of both streams with its item" {
	run -0 --separate-stderr fanout -k --tag sh -c \
		'printf "x\ny\n"; echo e >&2' _ ::: 'a b' c
	[ "$output" = $'a b\tx\na b\ty\nc\tx\nc\ty' ]
	[ "$stderr" = $'a b\te\nc\te' ]
}

@test "fanout: large outputs spill to a temporary file and come out whole" {
	mkdir "$BATS_TEST_TMPDIR/tmp"
	run -0 bash -c "TMPDIR=$BATS_TEST_TMPDIR/tmp fanout -j2 -k seq ::: 300000 200000 | cksum"
	[ "$output" = "$( (seq 300000; seq 200000) | cksum)" ]
	[ -z "$(ls -A "$BATS_TEST_TMPDIR/tmp")" ]
}

@test "fanout: exit status 123 when a job fails, 0 when none does" {
	run -0 fanout true ::: 1 2
	run -123 fanout sh -c 'exit $0' ::: 0 3 0
}

@test "fanout: exit status 124 when a job exits 255" {
	run -124 fanout sh -c 'exit $0' ::: 0 255 1
}

@test "fanout: exit status 125 when a job is killed by a signal" {
	run -125 fanout sh -c 'kill -9 $$' ::: 1
}

@test "fanout: a command that does not exist is 127, said once" {
	# (a PATH with unreadable directories would make it EACCES: 126)
	PATH=$BIN:/usr/bin:/bin run -127 --separate-stderr fanout -j1 no-such-command-xyz ::: 1 2 3
	[ "$stderr" = "fanout: no-such-command-xyz: No such file or directory" ]
	run -127 fanout 'no-such-command-xyz {}' ::: 1
}

@test "fanout: a file that cannot be executed is 126" {
	printf 'echo hi\n' > "$BATS_TEST_TMPDIR/noexec"
	chmod 644 "$BATS_TEST_TMPDIR/noexec"
	run -126 --separate-stderr fanout "$BATS_TEST_TMPDIR/noexec" ::: 1
	[[ "$stderr" == *"Permission denied"* ]]
}

@test "fanout: --joblog has GNU parallel's columns, tab-separated" {
	cd "$BATS_TEST_TMPDIR"
	run -123 fanout -j1 --joblog log sh -c 'echo hi; exit $0' ::: 0 3
	run -0 cat log
	[ "${lines[0]}" = $'Seq\tHost\tStarttime\tJobRuntime\tSend\tReceive\tExitval\tSignal\tCommand' ]
	IFS=$'\t' read -r seq host start rt send recv ev sig cmd <<<"${lines[2]}"
	[ "$seq" = 2 ]
	[ "$host" = : ]
	[ "$recv" = 3 ]
	[ "$ev" = 3 ]
	[ "$sig" = 0 ]
	[ "$send" = 0 ]
	[ "$cmd" = "sh -c 'echo hi; exit \$0' 3" ]
	[[ "$start" =~ ^[0-9]{10}\.[0-9]{3}$ ]]
	[[ "$rt" =~ ^\ *[0-9]+\.[0-9]{3}$ ]]
	run -125 fanout --joblog log sh -c 'kill -TERM $$' ::: x
	[ "$(cut -f7,8 log | tail -1)" = $'0\t15' ]
}

@test "fanout: --resume skips logged jobs, --resume-failed reruns failures" {
	cd "$BATS_TEST_TMPDIR"
	run -123 fanout --joblog log sh -c 'echo $0 >> ran; exit $(($0 % 2))' ::: 1 2 3 4
	rm ran
	run -0 fanout --joblog log --resume sh -c 'echo $0 >> ran' ::: 1 2 3 4 5
	[ "$(cat ran)" = 5 ]
	rm ran
	run -0 fanout --joblog log --resume-failed sh -c 'echo $0 >> ran' ::: 1 2 3 4 5 6
	[ "$(sort ran | tr '\n' ' ')" = "1 3 6 " ]
	rm ran
	run -0 fanout --joblog log --resume-failed sh -c 'echo $0 >> ran' ::: 1 2 3 4 5 6
	[ ! -e ran ]
}

@test "fanout: --retries reruns a failing job; its output appears once" {
	cd "$BATS_TEST_TMPDIR"
	run -0 fanout --retries 3 sh -c 'echo try; echo x >> n; [ $(wc -l < n) -ge 2 ]' ::: 1
	[ "$output" = try ]
	[ "$(wc -l < n)" -eq 2 ]
	rm n
	run -123 fanout --retries 3 sh -c 'echo x >> n; exit 1' ::: 1
	[ "$(wc -l < n)" -eq 3 ]
}

@test "fanout: --timeout kills a job (TERM, then KILL) and fails it" {
	start=$SECONDS
	run -125 fanout --timeout 0.3 sleep ::: 30 0.1
	[ $((SECONDS - start)) -lt 5 ]
	start=$SECONDS
	run -125 fanout --timeout 0.2 sh -c 'trap "" TERM; sleep 30.7; :' ::: 1
	[ $((SECONDS - start)) -lt 8 ]
	none_left 'sleep 30.7'
}

@test "fanout: --halt now,fail=1 kills the others at the first failure" {
	cd "$BATS_TEST_TMPDIR"
	start=$SECONDS
	run -123 fanout -j3 --halt now,fail=1 sh -c \
		'sleep $0; [ $0 = 0.2 ] && exit 1; touch done.$0' ::: 30.3 0.2 30.3 1 2
	[ $((SECONDS - start)) -lt 5 ]
	[ ! -e done.30.3 ]
	[ ! -e done.1 ]
	none_left 'sleep 30.3'
}

@test "fanout: --halt soon,fail=1 starts no more but lets running ones end" {
	cd "$BATS_TEST_TMPDIR"
	run -123 fanout -j2 --halt soon,fail=1 sh -c \
		'sleep $0; [ $0 = 0.1 ] && exit 1; touch done.$0' ::: 0.5 0.1 0.2 0.3
	[ -e done.0.5 ] && [ ! -e done.0.2 ] && [ ! -e done.0.3 ]
}

@test "fanout: --halt now,success=1 ends at the first success, status 0" {
	start=$SECONDS
	run -0 fanout -j3 --halt now,success=1 sh -c 'sleep $0; exit ${0%.*}' ::: 30.4 0.2 30.4
	[ $((SECONDS - start)) -lt 5 ]
	none_left 'sleep 30.4'
}

@test "fanout: --dry-run prints commands that paste back" {
	cd "$BATS_TEST_TMPDIR"
	item='a b;$(touch pwned)'"'"
	run -0 fanout --dry-run echo ::: "$item" x
	[ "${lines[0]}" = "echo 'a b;\$(touch pwned)'\\'''" ]
	[ "${lines[1]}" = "echo x" ]
	run -0 sh -c "$(fanout --dry-run printf '<%s>\n' ::: "$item")"
	[ "$output" = "<$item>" ]
	[ ! -e pwned ]
	run -0 sh -c "$(fanout --dry-run 'printf "<%s>" {}' ::: "$item")"
	[ "$output" = "<$item>" ]
	[ ! -e pwned ]
}

@test "fanout: make -n (n in MAKEFLAGS' first word) means --dry-run" {
	cd "$BATS_TEST_TMPDIR"
	run -0 env MAKEFLAGS="ns -j2 --jobserver-auth=3,4" fanout touch ::: made
	[ "$output" = "touch made" ]
	[ ! -e made ]
	run -0 env MAKEFLAGS=" -j2 --no-print-directory" fanout touch ::: made
	[ -e made ]
}

@test "fanout: --bar=always draws on stderr, never in the output" {
	run -0 --separate-stderr fanout --bar=always -k echo ::: a b c
	[ "$output" = $'a\nb\nc' ]
	[[ "$stderr" == *"3/3 100%"* ]]
	run -0 --separate-stderr fanout --bar echo ::: a
	[ -z "$stderr" ]
}

@test "fanout: make -j2 with two + recipes never runs more than 2 jobs" {
	cd "$BATS_TEST_TMPDIR"
	run -0 --separate-stderr make -s -j2 -f "$F/jobserver.mk" \
		FANOUT="$BIN/fanout" FIX="$F" LOG="$PWD/log"
	[ -z "$stderr" ]	# make reports lost tokens here
	[ "$(grep -c '^s' log)" -eq 10 ]
	m=$(max_running log)
	[ "$m" -eq 2 ]
	rm log
	run -0 --separate-stderr make -s -j4 -f "$F/jobserver.mk" \
		FANOUT="$BIN/fanout" FIX="$F" LOG="$PWD/log"
	[ -z "$stderr" ]
	m=$(max_running log)
	[ "$m" -le 4 ] && [ "$m" -ge 3 ]
}

@test "fanout: a recipe without + says so and falls back to its own -j" {
	cd "$BATS_TEST_TMPDIR"
	run -0 --separate-stderr make -s -j2 -f "$F/jobserver.mk" noplus \
		FANOUT="$BIN/fanout" FIX="$F" LOG="$PWD/log"
	[[ "$stderr" == *"mark it with +"* ]]
	[ "$(grep -c '^s' log)" -eq 2 ]
}

# A jobserver of our own: a fifo open read-write on fd 7 holding 2 tokens.
jobserver() {
	mkfifo "$BATS_TEST_TMPDIR/js"
	exec 7<>"$BATS_TEST_TMPDIR/js"
	printf '%s' "$1" >&7
}

# tokens_left: the bytes in the jobserver, without blocking.
tokens_left() {
	local t
	IFS= read -r -t 0.5 -N 10 -u 7 t || true
	printf '%s' "$t"
}

@test "fanout: the last jobserver option wins; 4.0's --jobserver-fds too" {
	cd "$BATS_TEST_TMPDIR"
	jobserver '+|'
	MAKEFLAGS=" -j3 --jobserver-auth=98,99 --jobserver-fds=7,7" \
		run -0 fanout "$F/span.sh" "$PWD/log" ::: 0.3 0.3 0.3 0.3 0.3 0.3
	# The first option (fds 98,99, not open) would warn and run alone.
	[ -z "$output" ]
	m=$(max_running log)
	[ "$m" -le 3 ]
	[ "$m" -ge 2 ]
	# Every token came back, each byte as it was.
	[ "$(tokens_left | fold -w1 | sort | tr -d '\n')" = '+|' ]
	exec 7>&-
}

@test "fanout: make 4.4's fifo:PATH jobserver" {
	cd "$BATS_TEST_TMPDIR"
	jobserver '+'
	MAKEFLAGS=" -j2 --jobserver-auth=fifo:$PWD/js" \
		run -0 fanout "$F/span.sh" "$PWD/log" ::: 0.2 0.2 0.2 0.2
	m=$(max_running log)
	[ "$m" -eq 2 ]
	[ "$(tokens_left)" = '+' ]
	exec 7>&-
}

@test "fanout: jobserver fds that are not pipes are not used" {
	cd "$BATS_TEST_TMPDIR"
	exec 7>"$PWD/plainfile"
	MAKEFLAGS=" -j9 --jobserver-auth=7,7" \
		run -0 --separate-stderr fanout -v echo ::: x
	[ "$output" = x ]
	[[ "$stderr" == *"mark it with +"* ]]
	[ ! -s plainfile ]
	exec 7>&-
	MAKEFLAGS=" -j9 --jobserver-auth=-2,-2" \
		run -0 --separate-stderr fanout echo ::: x
	[ -z "$stderr" ]
}

@test "fanout: tokens go back to make on SIGTERM" {
	cd "$BATS_TEST_TMPDIR"
	jobserver '++'
	MAKEFLAGS=" -j3 --jobserver-auth=7,7" \
		fanout sleep ::: 30.5 30.5 30.5 30.5 &
	pid=$!
	sleep 0.5
	[ "$(pgrep -fc 'sleep 30.5')" -eq 3 ]
	kill -TERM $pid
	status=0; wait $pid || status=$?
	[ "$status" -eq 143 ]
	[ "$(tokens_left)" = '++' ]
	none_left 'sleep 30.5'
	exec 7>&-
}

@test "fanout: Ctrl-C reaches every job; none is left; exit 130" {
	# As a terminal does: SIGINT to the whole foreground process group.
	setsid env --default-signal=INT fanout -j3 sleep ::: 30.6 30.6 30.6 30.6 &
	pid=$!
	sleep 0.5
	[ "$(pgrep -fc 'sleep 30.6')" -eq 3 ]
	kill -INT -- -$pid
	status=0; wait $pid || status=$?
	[ "$status" -eq 130 ]
	none_left 'sleep 30.6'
	run pgrep -f 'fanout -j3 sleep'
	[ "$status" -eq 1 ]
}

@test "fanout: SIGTERM to fanout alone reaches jobs that ignore TERM" {
	fanout -j2 sh -c 'trap "" TERM INT; sleep 30.8; :' ::: 1 2 &
	pid=$!
	sleep 0.5
	kill -TERM $pid
	status=0; wait $pid || status=$?
	[ "$status" -eq 143 ]
	none_left 'sleep 30.8'
}

@test "fanout: a reader that goes away stops everything, quietly" {
	run -0 --separate-stderr bash -c \
		'seq 100000 | fanout -j2 -k echo | head -1; echo "${PIPESTATUS[1]}"'
	[ "$output" = $'1\n141' ]
	[ -z "$stderr" ]
	run -0 --separate-stderr bash -c \
		'fanout sleep ::: 30.9 | true; echo "${PIPESTATUS[0]}"'
	[ "$output" = 141 ]
	none_left 'sleep 30.9'
}

@test "fanout: stdin is read as jobs need it, so it may be endless" {
	run -0 bash -c 'yes | fanout -j2 --halt now,success=5 true'
	run -0 bash -c 'yes | fanout --dry-run echo | head -3'
	[ "$output" = $'echo y\necho y\necho y' ]
}

@test "fanout: --shard under Open MPI: every item once across the ranks" {
	command -v mpiexec >/dev/null || skip "no mpiexec (openmpi-bin)"
	cd "$BATS_TEST_TMPDIR"
	run -0 mpiexec --allow-run-as-root --oversubscribe -n 3 \
		fanout --shard -j2 sh -c 'echo $0 $OMPI_COMM_WORLD_RANK >> out' \
		::: $(seq 20)
	[ "$(cut -d' ' -f1 out | sort -n)" = "$(seq 20)" ]
	# Item i ran on rank (i - 1) mod 3.
	run awk '($1 - 1) % 3 != $2' out
	[ -z "$output" ]
}

@test "fanout: --shard outside a launcher is an error" {
	run -1 --separate-stderr env -u OMPI_COMM_WORLD_RANK -u PMI_RANK \
		-u SLURM_PROCID fanout --shard echo ::: 1
	[[ "$stderr" == *"no launcher's rank and size"* ]]
	run -0 env PMI_RANK=1 PMI_SIZE=2 fanout --shard -k echo ::: a b c d
	[ "$output" = $'b\nd' ]
}

@test "fanout: --shard reads pi-worker's launcher table: a half-set or bad pair is an error" {
	run -1 --separate-stderr env -u OMPI_COMM_WORLD_RANK -u PMI_RANK \
		-u SLURM_PROCID -u SLURM_NTASKS PMI_RANK=0 fanout --shard echo ::: 1
	[[ "$stderr" == "fanout: --shard: "*PMI* ]]
	run -1 --separate-stderr env -u OMPI_COMM_WORLD_RANK -u PMI_RANK \
		SLURM_PROCID=2 SLURM_NTASKS=2 fanout --shard echo ::: 1
	[[ "$stderr" == "fanout: --shard: "*SLURM* ]]
	[ -z "$output" ]
}

@test "fanout: --workdir runs local jobs there; a missing one is an error" {
	run -0 fanout --workdir / sh -c 'pwd' ::: x
	[ "$output" = / ]
	run -1 --separate-stderr fanout --workdir /no/such/dir true ::: x
	[ "$stderr" = "fanout: /no/such/dir: No such file or directory" ]
}

@test "fanout: -v shows each command on stderr, quoted" {
	run -0 --separate-stderr fanout -v -k echo ::: a 'b c'
	[ "$output" = $'a\nb c' ]
	[ "$stderr" = $'echo a\necho \'b c\'' ]
}

@test "fanout: --halt with a percentage of the jobs" {
	cd "$BATS_TEST_TMPDIR"
	run -123 fanout -j1 --halt soon,fail=50% sh -c 'echo $0 >> ran; exit 1' ::: 1 2 3 4
	[ "$(wc -l < ran)" -eq 2 ]
}

@test "fanout: a closed stdout does not become a job's pipe" {
	run -0 bash -c 'fanout sh -c "echo x >&2" ::: 1 >&-'
	[ "$output" = x ]
	run -1 --separate-stderr bash -c 'fanout echo ::: 1 >&-'
	[ "$stderr" = "fanout: stdout: Bad file descriptor" ]
}

# --- issue 12 §3: the contract, NUL items, hosts without a name, '=' ---

# bad_usage WHAT: the last run exited 2 with "fanout: WHAT" and the usage
# line on stderr, and nothing else.
bad_usage() {
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	[ "${stderr_lines[0]}" = "fanout: $1" ]
	[[ "${stderr_lines[1]}" == "usage: fanout "* ]]
	[ "${#stderr_lines[@]}" -eq 2 ]
}

@test "fanout: a bad option is 'fanout: ...', then the usage line, exit 2" {
	run --separate-stderr fanout -@ echo
	bad_usage "unknown option -@"
	run --separate-stderr fanout -j
	bad_usage "option -j needs a value"
	run --separate-stderr fanout --bogus echo
	bad_usage "unknown option --bogus"
	run --separate-stderr fanout -j x echo
	bad_usage 'jobs "x" is not a number'
	run --separate-stderr fanout --timeout 0 echo
	bad_usage 'timeout "0" is not a positive number of seconds'
}

@test "fanout: an item with a NUL byte is refused, named by its line; the others run" {
	run -1 --separate-stderr bash -c "printf 'a\nb\0c\nd\n' | fanout -k echo"
	[ "$output" = $'a\nd' ]
	[ "$stderr" = "fanout: stdin:2: the item holds a NUL byte: not run (-0 reads NUL-terminated items)" ]
}

@test "fanout: -0 items may hold newlines, never a cut NUL" {
	run -0 bash -c "printf 'a\nb\0c\0' | fanout -0 -k printf '<%s>'"
	[ "$output" = $'<a\nb><c>' ]
}

@test "fanout: -S with no host name (:22, user@) is refused" {
	run --separate-stderr fanout -S :22 echo ::: a
	bad_usage '-S: ":22" has no host name'
	run --separate-stderr fanout -S 2/u@:22 echo ::: a
	bad_usage '-S: "u@:22" has no host name'
	run --separate-stderr fanout -S 'u@' echo ::: a
	bad_usage '-S: "u@" has no host name'
}

@test "fanout: in shell mode an item a=b is a word, not an assignment (as parallel)" {
	run -0 fanout '{} 2>/dev/null; echo $?' ::: X=1
	[ "$output" = 127 ]
	run -0 fanout --dry-run '{} 2>/dev/null; echo $?' ::: X=1
	[ "$output" = "'X=1' 2>/dev/null; echo \$?" ]
}

@test "fanout: items with '=' stay one argument when run directly" {
	run -0 fanout -k printf '<%s>\n' ::: a=b 'c = d'
	[ "$output" = $'<a=b>\n<c = d>' ]
}

# --- issue 13 item 8: a full TMPDIR ---

teardown() {
	if [ -n "${TINY:-}" ]; then umount "$TINY" 2>/dev/null || true; fi
}

@test "fanout: a full TMPDIR names the directory and the job whose output is lost" {
	[ "$(id -u)" = 0 ] || skip "mounting a small tmpfs needs root"
	TINY=$BATS_TEST_TMPDIR/tiny
	mkdir "$TINY"
	mount -t tmpfs -o size=64k tmpfs "$TINY" || skip "cannot mount a tmpfs here"
	run -1 --separate-stderr env TMPDIR="$TINY" fanout -k \
		sh -c 'head -c $0 /dev/zero | tr "\0" a; echo $0' ::: 400000 3
	[ "$output" = aaa3 ]
	[ "$stderr" = "fanout: $TINY: No space left on device: the output of job 1 (item \"400000\") is lost" ]
	[ -z "$(ls -A "$TINY")" ]
}

# --- issue 15: process groups, halt, --line-buffer, misread options ---

# wait_for MARK: until a process has MARK in its command line (30 s at most).
wait_for() {
	local i
	for i in $(seq 300); do
		pgrep -f -- "$1" >/dev/null && return 0
		sleep 0.1
	done
	return 1
}

@test "fanout: SIGINT kills the job's whole group, though its main process is gone" {
	mark="sleep 4602.$$"
	# env: SIGINT may come ignored from whoever started the suite.
	run -130 bash -c "set -m; env --default-signal=INT fanout bash -c '$mark & wait' ::: 1 & p=\$!
		$(declare -f wait_for); wait_for '$mark'; kill -INT \$p; wait \$p"
	none_left "$mark"
}

@test "fanout: SIGTERM leaves no process of a job that ignores TERM" {
	mark="sleep 4603.$$"
	run -143 bash -c "set -m; fanout bash -c '(trap \"\" TERM; $mark) & wait' ::: 1 & p=\$!
		$(declare -f wait_for); wait_for '$mark'; kill -TERM \$p; wait \$p"
	none_left "$mark"
}

@test "fanout: --timeout kills what the job left running; nothing it printed after" {
	mark="sleep 7.$$"
	run -125 fanout --timeout 1 bash -c "(trap '' TERM; $mark; echo done) & wait" ::: 1
	[ -z "$output" ]
	none_left "$mark"
}

@test "fanout: --halt now,fail=1 kills the other jobs' groups" {
	mark="sleep 4604.$$"
	run -123 fanout -j2 --halt now,fail=1 bash -c \
		"[ \$0 = 2 ] && { sleep 0.5; exit 1; }; (trap '' TERM; $mark) & wait" ::: 1 2
	none_left "$mark"
}

@test "fanout: --halt soon,success=1 exits 0 when a running job fails later (as parallel)" {
	run -0 fanout -j2 --halt soon,success=1 sh -c {} ::: true 'sleep 0.3; exit 1'
	if command -v parallel >/dev/null; then
		run -0 parallel -j2 --halt soon,success=1 sh -c {} ::: true 'sleep 0.3; exit 1'
	fi
}

@test "fanout: --line-buffer streams on after a line longer than 256 KiB" {
	cd "$BATS_TEST_TMPDIR"
	fanout --line-buffer sh -c 'head -c 300000 /dev/zero | tr "\0" a; echo
		echo marker; sleep 60' ::: 1 > out 3>&- &
	pid=$!
	for i in $(seq 300); do
		if grep -q marker out; then break; fi
		sleep 0.1
	done
	run grep -c marker out
	kill -TERM $pid
	st=0; wait $pid || st=$?
	[ "$output" = 1 ]
	[ "$(head -c 300001 out | tr -d a)" = "" ]
}

@test "fanout: a second ::: is a second source, not an item (more in fanout-parallel.bats)" {
	run -0 fanout -k echo ::: a b ::: 1 2
	[ "$output" = $'a 1\na 2\nb 1\nb 2' ]
}

# joblog_cols FILE: the joblog without its times (Starttime, JobRuntime).
joblog_cols() {
	cut -f1,2,5- "$@"
}

@test "fanout: --joblog - writes the log on stdout, each record after its output (as parallel)" {
	cd "$BATS_TEST_TMPDIR"
	run -0 fanout -k --joblog - echo ::: a b
	[ "$(joblog_cols <<<"$output")" = "$(printf 'Seq\tHost\tSend\tReceive\tExitval\tSignal\tCommand\na\n1\t:\t0\t2\t0\t0\techo a\nb\n2\t:\t0\t2\t0\t0\techo b')" ]
	[ ! -e - ]
	if command -v parallel >/dev/null; then
		want=$(parallel -k --joblog - echo ::: a b | cut -f1,7-)
		[ "$(cut -f1,7- <<<"$output")" = "$want" ]
	fi
	run -2 --separate-stderr fanout --joblog - --resume echo ::: a
	[ "${stderr_lines[0]}" = "fanout: --resume needs a joblog file, not -" ]
}

@test "fanout: --joblog +file appends, with no header (as parallel)" {
	cd "$BATS_TEST_TMPDIR"
	run -0 fanout --joblog +log echo ::: a
	run -0 fanout --joblog +log echo ::: b
	[ ! -e +log ]
	[ "$(cut -f1,7- log)" = "$(printf '1\t0\t0\techo a\n1\t0\t0\techo b')" ]
	if command -v parallel >/dev/null; then
		parallel --joblog +plog echo ::: a >/dev/null
		parallel --joblog +plog echo ::: b >/dev/null
		[ "$(cut -f1,7- log)" = "$(cut -f1,7- plog)" ]
	fi
}

@test "fanout: -j +1, -j -1 and -j 50% count from the CPUs (as parallel)" {
	cpus=$(getconf _NPROCESSORS_ONLN)
	if command -v parallel >/dev/null; then
		[ "$(parallel --number-of-threads)" -eq "$cpus" ]
	fi
	# -j N: no more than N slots, and all N used by as many sleeping jobs
	for spec in +1 -1 50% 150%; do
		case $spec in
		+1) want=$((cpus + 1)) ;;
		-1) want=$((cpus > 1 ? cpus - 1 : 0)) ;;
		50%) want=$(((cpus * 50 + 99) / 100)) ;;
		150%) want=$(((cpus * 150 + 99) / 100)) ;;
		esac
		if [ "$want" -lt 1 ]; then
			run -2 --separate-stderr fanout -j "$spec" true ::: 1
			continue
		fi
		run -0 fanout -j "$spec" sh -c 'sleep 0.5; echo $FANOUT_SLOT' ::: $(seq $((want + 2)))
		[ "$(sort -n <<<"$output" | tail -1)" -eq "$want" ]
	done
	run -2 --separate-stderr fanout -j -$((cpus)) true ::: 1
	[ "${stderr_lines[0]}" = "fanout: -j -$cpus: no job can run on $cpus CPUs" ]
}

# --- issue 13 item 5: the joblog on a full disk, torn records ---

@test "fanout: a joblog that fills the disk is said once, exit 1; the jobs still run" {
	[ "$(id -u)" = 0 ] || skip "mounting a small tmpfs needs root"
	TINY=$BATS_TEST_TMPDIR/tiny
	mkdir "$TINY"
	mount -t tmpfs -o size=64k tmpfs "$TINY" || skip "cannot mount a tmpfs here"
	# All full but one page: the header and some records fit, not all.
	dd if=/dev/zero of="$TINY/fill" bs=4096 2>/dev/null || :
	truncate -s -4096 "$TINY/fill"
	run -1 --separate-stderr fanout -k --joblog "$TINY/log" echo ::: $(seq 300)
	[ "$output" = "$(seq 300)" ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	[ "$stderr" = "fanout: $TINY/log: No space left on device" ]
	# Room again: --resume runs what the log lacks, torn record included,
	# and the log ends whole, every job once.
	rm "$TINY/fill"
	run -0 fanout --joblog "$TINY/log" --resume echo ::: $(seq 300)
	[ -n "$output" ]
	[ "$(tail -c 1 "$TINY/log" | od -An -c | tr -d ' ')" = '\n' ]
	[ "$(tail -n +2 "$TINY/log" | cut -f1 | sort -n)" = "$(seq 300)" ]
	[ "$(awk -F'\t' 'NR > 1 && NF != 9' "$TINY/log")" = "" ]
}

# torn_log FILE: a log whose last record (job 2) was cut short.
torn_log() {
	printf 'Seq\tHost\tStarttime\tJobRuntime\tSend\tReceive\tExitval\tSignal\tCommand\n' > "$1"
	printf '1\t:\t1700000000.000\t     0.001\t0\t2\t0\t0\techo a\n' >> "$1"
	printf '2\t:\t1700000000.100\t     0.0' >> "$1"
}

@test "fanout: --resume ignores a torn last record and rewrites it whole" {
	cd "$BATS_TEST_TMPDIR"
	torn_log log
	run -0 fanout -k --joblog log --resume echo ::: a b c
	[ "$output" = $'b\nc' ]
	[ "$(tail -n +2 log | cut -f1,7- | sort -n)" = "$(printf '1\t0\t0\techo a\n2\t0\t0\techo b\n3\t0\t0\techo c')" ]
}

@test "fanout: --resume-failed does not append onto a torn record" {
	cd "$BATS_TEST_TMPDIR"
	torn_log log
	run -0 fanout -k --joblog log --resume-failed echo ::: a b c
	[ "$output" = $'b\nc' ]
	[ "$(tail -n +2 log | cut -f1,7- | sort -n)" = "$(printf '1\t0\t0\techo a\n2\t0\t0\techo b\n3\t0\t0\techo c')" ]
}

# --- issue 13 item 6: orphans ---

# live_in_session SID: the processes of session SID that are not zombies
# (an init that reaps late keeps those), one "pid args" a line.
live_in_session() {
	ps -eo sid=,stat=,pid=,args= | awk -v s="$1" '$1 == s && $2 !~ /^Z/ { $1 = $2 = ""; print }'
}

# settle SID: wait (10 s at most) until session SID has no live process;
# then print what is left, if anything.
settle() {
	local i
	for i in $(seq 100); do
		[ -z "$(live_in_session "$1")" ] && return 0
		sleep 0.1
	done
	live_in_session "$1"
}

# SIGHUP ignored (nohup) would tell fanout to outlive its parent: not here.
@test "fanout: its parent shell killed, fanout kills its jobs and goes; no orphan" {
	mark="sleep 4605.$$"
	setsid env --default-signal=HUP bash -c \
		"fanout -j2 $mark ::: 1 2 | cat > /dev/null" 3>&- &
	sid=$!
	wait_for "$mark"
	kill -TERM "$sid"
	run settle "$sid"
	pkill -KILL -s "$sid" || :	# whatever is left, after a failure
	echo "left in the session after 10 s: $output"	# shown on a failure
	[ -z "$output" ]
	none_left "$mark"
}

@test "fanout: SIGTERM to make during make pi, at any moment, leaves no process" {
	cd "$BATS_TEST_TMPDIR"
	for moment in 0 workers 0.5; do
		seed=4606$$$RANDOM
		setsid env --default-signal=HUP make -s -C "$ROOT" pi J=2 \
			DARTS=1e12 SEED=$seed >/dev/null 2>&1 3>&- &
		sid=$!
		if [ "$moment" = workers ]; then
			wait_for "pi-worker -s $seed"
		else
			sleep "$moment"
		fi
		kill -TERM "$sid"
		run settle "$sid"
		pkill -KILL -s "$sid" || :
		[ -z "$output" ]
		none_left "pi-worker -s $seed"
	done
}

@test "fanout: SIGTERM to pi-sum or to fanout during make pi leaves no process either" {
	cd "$BATS_TEST_TMPDIR"
	for target in pi-sum fanout; do
		seed=4607$$$RANDOM
		setsid env --default-signal=HUP make -s -C "$ROOT" pi J=2 \
			DARTS=1e12 SEED=$seed >/dev/null 2>&1 3>&- &
		sid=$!
		wait_for "pi-worker -s $seed"
		pid=$(ps -eo sid=,pid=,args= |
			awk -v s="$sid" -v t="/$target( |\$)" '$1 == s && $3 ~ t { print $2 }')
		[ -n "$pid" ]
		kill -TERM $pid
		run settle "$sid"
		pkill -KILL -s "$sid" || :
		[ -z "$output" ]
	done
}

@test "fanout: under nohup or setsid it may outlive its parent" {
	cd "$BATS_TEST_TMPDIR"
	mark="sleep 3.$$"
	bash -c "(nohup fanout $mark ::: 1 > out 2>/dev/null &)" 3>&-
	wait_for "$mark"
	sleep 1
	run -0 pgrep -f "$mark"
	mark="sleep 3.1$$"
	bash -c "(setsid fanout $mark ::: 1 > out 2>/dev/null &)" 3>&-
	wait_for "$mark"
	sleep 1
	run -0 pgrep -f "$mark"
}

# --- issue 13 item 8: sh -c scripts ---

@test "fanout: in a sh -c or bash -c script the replacement is quoted: no item runs as code" {
	cd "$BATS_TEST_TMPDIR"
	run -0 fanout -k sh -c 'echo {}' ::: '$(touch F)' "a'b" 'x  y'
	[ "$output" = "\$(touch F)"$'\n'"a'b"$'\n'"x  y" ]
	[ ! -e F ]
	run -0 fanout /bin/bash -euo pipefail -c 'printf "<%s>" {}' ::: 'a;b `touch G`'
	[ "$output" = '<a;b `touch G`>' ]
	[ ! -e G ]
	# Not the script: $0 gets the item as it is.
	run -0 fanout sh -c 'printf "<%s>" "$0"' {} ::: "a'b"
	[ "$output" = "<a'b>" ]
	run -0 fanout --dry-run sh -e -c 'echo {}' ::: 'a b'
	[ "$output" = "sh -e -c 'echo '\\''a b'\\'''" ]
	# parallel quotes it too (and, joining the words, runs echo alone).
	if command -v parallel >/dev/null; then
		parallel sh -c 'echo {}' ::: '$(touch P)' >/dev/null
		[ ! -e P ]
	fi
}
