#!/usr/bin/env bats
load test_helper
load sshd

# fanout -S over real ssh: two throwaway sshd on 127.0.0.2 and 127.0.0.3
# (tests/sshd.bash), stopped by pid at the end.

unset MAKEFLAGS MFLAGS MAKELEVEL
BIN=$(cd "$BIN" && pwd)
PATH=$BIN:$PATH

# bats 1.8 cannot skip in setup_file: each test skips in setup.
setup_file() {
	# Tests count lines of the sshd logs: one test at a time.
	export BATS_NO_PARALLELIZE_WITHIN_FILE=true
	export SSH_SKIP=
	if [ "$(id -u)" != 0 ]; then
		SSH_SKIP="sshd needs root here"
		return 0
	fi
	if [ ! -x /usr/sbin/sshd ] || ! command -v ssh >/dev/null; then
		SSH_SKIP="no openssh-server or ssh"
		return 0
	fi
	export SSHD_DIR=$BATS_FILE_TMPDIR/ssh
	sshd_keys
	sshd_on a 127.0.0.2
	export HA=127.0.0.2:$PORT
	sshd_on b 127.0.0.3
	export HB=127.0.0.3:$PORT
	# Several words: the connection must still be reused.
	export FANOUT_SSH="ssh -F $SSHD_DIR/ssh_config"
}

setup() {
	[ -z "$SSH_SKIP" ] || skip "$SSH_SKIP"
}

teardown_file() {
	local n
	[ -n "${SSHD_DIR:-}" ] || return 0
	for n in a b; do
		sshd_stop "$n"
	done
}

# accepted NAME: connections that sshd NAME has accepted so far.
accepted() {
	grep -c 'Accepted publickey' "$SSHD_DIR/$1.log" || true
}

none_left() {
	local left
	sleep 0.3
	left=$(pgrep -f -- "$1" || true)
	[ -z "$left" ] || {
		ps -o pid,ppid,stat,args -p $left
		kill -KILL $left 2>/dev/null || true
		return 1
	}
}

@test "hosts: jobs spread over both hosts; the joblog says where" {
	cd "$BATS_TEST_TMPDIR"
	run -0 fanout -S "2/$HA,2/$HB" --joblog log -k \
		sh -c 'sleep 0.1; echo $0' ::: $(seq 12)
	[ "$output" = "$(seq 12)" ]
	[ "$(cut -f2 log | grep -c "^$HA\$")" -ge 2 ]
	[ "$(cut -f2 log | grep -c "^$HB\$")" -ge 2 ]
	[ "$(tail -n +2 log | wc -l)" -eq 12 ]
}

@test "hosts: rank, size, slot, --env and the working directory travel" {
	mkdir -p "$BATS_TEST_TMPDIR/wd"
	cd "$BATS_TEST_TMPDIR/wd"
	FOO="a b'c" run -0 fanout -S "$HA" -k --env FOO \
		sh -c 'echo "$FANOUT_RANK/$FANOUT_SIZE/$FANOUT_SLOT $PWD $FOO"' ::: x y
	[ "$output" = "0/2/1 $PWD a b'c"$'\n'"1/2/1 $PWD a b'c" ]
	run -0 fanout -S "$HA" --workdir / pwd ::: x
	[ "$output" = / ]
}

@test "hosts: one connection a host, however many jobs" {
	before=$(accepted a)
	run -0 fanout -S "2/$HA" true ::: $(seq 20)
	[ $(($(accepted a) - before)) -eq 1 ]
	# Closed at exit: no master left behind.
	run pgrep -f "ssh.*ControlPath=.*fanout-ssh"
	[ "$status" -eq 1 ]
}

@test "hosts: hostile items cannot run code on the remote host" {
	cd "$BATS_TEST_TMPDIR"
	item='a b;$(touch pwned)`touch pwned2`'"'"'"; touch pwned3'
	run -0 fanout -S "$HA" -k printf '<%s>\n' ::: "$item" -n '*'
	[ "$output" = "<$item>"$'\n<-n>\n<*>' ]
	run -0 fanout -S "$HA" 'printf "<%s>" {}' ::: "$item"
	[ "$output" = "<$item>" ]
	printf '%s\0' $'new\nline;touch pwned4' > items
	run -0 bash -c "fanout -0 -S $HA printf '<%s>' < items"
	[ "$output" = $'<new\nline;touch pwned4>' ]
	[ -z "$(ls pwned* 2>/dev/null)" ]
}

@test "hosts: a host that refuses connections is taken out; jobs run elsewhere" {
	cd "$BATS_TEST_TMPDIR"
	run -0 --separate-stderr fanout -S "$HA,127.0.0.3:1" --joblog log \
		sh -c 'echo $0' ::: $(seq 8)
	[ "$(sort -n <<<"$output")" = "$(seq 8)" ]
	[ "$(grep -c 'no more jobs there' <<<"$stderr")" -eq 1 ]
	[ "$(cut -f2 log | sort -u | tr '\n' ' ')" = "$HA Host " ]
}

@test "hosts: every host gone is exit 124 with one clear message" {
	run -124 --separate-stderr fanout -S 127.0.0.3:1 true ::: 1 2 3 4 5
	[[ "$stderr" == *"every host is gone"* ]]
}

@test "hosts: a job that exits 255 on a healthy host is its own failure" {
	cd "$BATS_TEST_TMPDIR"
	run -124 fanout -S "$HA,$HB" sh -c 'echo >> "$0"; exit 255' ::: "$PWD/runs"
	[ "$(wc -l < runs)" -eq 1 ]
}

@test "hosts: local slots (:) mix with remote ones" {
	cd "$BATS_TEST_TMPDIR"
	run -0 fanout -S "1/:,1/$HA" --joblog log sh -c 'sleep 0.2; echo $0' ::: 1 2 3 4
	[ "$(cut -f2 log | grep -c '^:$')" -ge 1 ]
	[ "$(cut -f2 log | grep -c "^$HA\$")" -ge 1 ]
}

@test "hosts: --sshloginfile, with comments" {
	cd "$BATS_TEST_TMPDIR"
	printf '# the test hosts\n2/%s\n%s  # second\n' "$HA" "$HB" > hostsfile
	run -0 fanout --sshloginfile hostsfile -k echo ::: a b c
	[ "$output" = $'a\nb\nc' ]
}

@test "hosts: killing fanout kills the remote jobs" {
	fanout -S "2/$HA" sleep ::: 31.25 31.25 &
	pid=$!
	sleep 1.5
	[ "$(pgrep -xfc 'sleep 31.25')" -eq 2 ]
	kill -TERM $pid
	status=0; wait $pid || status=$?
	[ "$status" -eq 143 ]
	none_left 'sleep 31.25'
}

@test "hosts: a remote job past --timeout is killed there too" {
	run -125 fanout -S "$HA" --timeout 0.5 sleep ::: 31.75
	none_left 'sleep 31.75'
}

@test "hosts: --transfer, --return and --cleanup for hosts without shared files" {
	mkdir -p "$BATS_TEST_TMPDIR/local/in" "$BATS_TEST_TMPDIR/remote"
	cd "$BATS_TEST_TMPDIR/local"
	printf 'one\n' > in/a.txt
	printf 'one\ntwo\n' > 'in/b c;$(touch pwned).txt'
	run -0 fanout -S "$HA" --workdir "$BATS_TEST_TMPDIR/remote" --joblog log \
		--transfer --return '{}.n' --cleanup 'wc -l < {} > {}.n' ::: in/*.txt
	[ "$(cat in/a.txt.n)" = 1 ]
	[ "$(cat 'in/b c;$(touch pwned).txt.n')" = 2 ]
	# Sent: the item's bytes; nothing left on the host but the directory.
	[ "$(tail -n +2 log | cut -f5 | sort -n | tr '\n' ' ')" = "4 8 " ]
	[ -z "$(find "$BATS_TEST_TMPDIR/remote" -type f)" ]
	[ -z "$(find "$BATS_TEST_TMPDIR" -name pwned)" ]
	run -123 --separate-stderr fanout -S "$HA" --workdir "$BATS_TEST_TMPDIR/remote" \
		--return '{}.none' true ::: in/a.txt
	[[ "$stderr" == *"in/a.txt.none: could not bring it back"* ]]
	[ ! -e in/a.txt.none ]
}

@test "hosts: --resume works across hosts" {
	cd "$BATS_TEST_TMPDIR"
	run -123 fanout -S "$HA,$HB" --joblog log sh -c 'echo $0 >> ran; [ $0 != 3 ]' ::: 1 2 3 4
	rm ran
	run -0 fanout -S "$HA,$HB" --joblog log --resume-failed sh -c 'echo $0 >> ran' ::: 1 2 3 4 5
	[ "$(sort ran | tr '\n' ' ')" = "3 5 " ]
}

@test "hosts: make pi across the test hosts gives the local estimate" {
	run -0 make -n -C "$ROOT" pi HOSTS="2/$HA"
	[[ "$output" == *"fanout -n "*" -S 2/$HA "*pi-worker* ]]
	run -0 make -s -C "$ROOT" pi J=4 DARTS=1e8
	here=$(grep estimate <<<"$output")
	[ -n "$here" ]
	run -0 make -s -C "$ROOT" pi J=4 DARTS=1e8 HOSTS="2/$HA,2/$HB"
	[ "$(grep estimate <<<"$output")" = "$here" ]
}

# make HOSTS=...: the per-book steps over ssh (mk/remote.mk).  HD holds
# the run's ssh sockets; its masters are closed after each test.
teardown() {
	local s
	[ -n "${HD:-}" ] || return 0
	for s in "$HD"/cm-*; do
		[ -S "$s" ] && ssh -o ControlPath="$s" -O exit x 2>/dev/null
	done
	rm -rf "$HD"
}

# hosts_run NAME ARGS...: make in $BATS_TEST_TMPDIR/NAME, on the books
# BOOKS (copied from the mirror into its data/).
hosts_run() {
	local d=$BATS_TEST_TMPDIR/$1 b
	shift
	mkdir -p "$d/data"
	for b in $BOOKS; do
		cp "$BOOKS_DIR/$b.txt" "$d/data/"
	done
	(cd "$d" && make -s -f "$ROOT/Makefile" B="$BIN" "$@")
}

# hosts_books BOOK...: the books of the next hosts_run; a fresh HD.
hosts_books() {
	need_books
	BOOKS=$*
	HD=$(mktemp -d /tmp/wc-hd.XXXXXX)
}

# log_count NAME PATTERN: lines of sshd NAME's log that match.
log_count() {
	grep -c "$2" "$SSHD_DIR/$1.log" || true
}

@test "hosts: make HOSTS=2/a,2/b runs every per-book step there, one connection a host" {
	hosts_books pg13 pg36 pg104 pg117
	hosts_run local -j4 results acf
	acc_a=$(log_count a 'Accepted publickey') acc_b=$(log_count b 'Accepted publickey')
	ses_a=$(log_count a 'Starting session: command') ses_b=$(log_count b 'Starting session: command')
	hosts_run remote -j4 results acf HOSTS="2/$HA,2/$HB" HOSTS_DIR="$HD"
	ses_a=$(($(log_count a 'Starting session: command') - ses_a))
	ses_b=$(($(log_count b 'Starting session: command') - ses_b))
	# 4 books x count, chart, acf: one ssh session each
	[ $((ses_a + ses_b)) -eq 12 ]
	# one handshake on each host that ran steps, whatever the steps
	[ $(($(log_count a 'Accepted publickey') - acc_a)) -eq $((ses_a > 0)) ]
	[ $(($(log_count b 'Accepted publickey') - acc_b)) -eq $((ses_b > 0)) ]
	diff -r "$BATS_TEST_TMPDIR/local/processed_data" "$BATS_TEST_TMPDIR/remote/processed_data"
	diff -r "$BATS_TEST_TMPDIR/local/results" "$BATS_TEST_TMPDIR/remote/results"
}

@test "hosts: one slot, make -j4: the steps wait their turn on one connection" {
	hosts_books pg13 pg36 pg117
	hosts_run local -j4 results
	acc=$(log_count a 'Accepted publickey') ses=$(log_count a 'Starting session: command')
	hosts_run remote -j4 results HOSTS="1/$HA" HOSTS_DIR="$HD"
	[ $(($(log_count a 'Starting session: command') - ses)) -eq 6 ]
	[ $(($(log_count a 'Accepted publickey') - acc)) -eq 1 ]
	diff -r "$BATS_TEST_TMPDIR/local/results" "$BATS_TEST_TMPDIR/remote/results"
}

@test "hosts: a host that refuses: its steps run on the others" {
	hosts_books pg13 pg117
	hosts_run local -j2 results
	hosts_run remote -j2 results HOSTS="1/127.0.0.3:1,1/$HA" HOSTS_DIR="$HD"
	diff -r "$BATS_TEST_TMPDIR/local/results" "$BATS_TEST_TMPDIR/remote/results"
	# marked down for a minute: the next steps do not try it
	[ -s "$HD/down.127.0.0.3:1" ]
}

@test "hosts: a step that fails on its host fails make, and leaves no output" {
	HD=$(mktemp -d /tmp/wc-hd.XXXXXX)
	mkdir -p "$BATS_TEST_TMPDIR/bad/data/bad.txt"
	cd "$BATS_TEST_TMPDIR/bad"
	run -2 --separate-stderr make -s -f "$ROOT/Makefile" B="$BIN" results \
		HOSTS="1/$HA" HOSTS_DIR="$HD"
	[[ "$stderr" == *"wc-count: data/bad.txt: Is a directory"* ]]
	[ ! -e processed_data/bad.dat ]
}

@test "hosts: HOSTS with LAUNCH, or a bad HOSTS_DIR, is refused" {
	cd "$BATS_TEST_TMPDIR"
	mkdir -p data
	printf 'a b\n' > data/a.txt
	run -2 make -f "$ROOT/Makefile" B="$BIN" results HOSTS="1/$HA" LAUNCH=nice
	[[ "$output" == *"HOSTS and LAUNCH are both set"* ]]
	run -2 --separate-stderr make -f "$ROOT/Makefile" B="$BIN" results HOSTS="1/$HA" \
		HOSTS_DIR="/tmp/$(printf '%060d' 0)"
	[[ "$stderr" == *"HOSTS_DIR must be at most 56 bytes"* ]]
	mkdir -m 755 open
	run -2 --separate-stderr make -f "$ROOT/Makefile" B="$BIN" results HOSTS="1/$HA" \
		HOSTS_DIR="$PWD/open"
	[[ "$stderr" == *"remote-step: $PWD/open: not a directory of ours with mode 700"* ]]
	run -2 --separate-stderr make -f "$ROOT/Makefile" B="$BIN" results \
		HOSTS="-oProxyCommand=touch%pwned"
	[[ "$stderr" == *'remote-step: HOSTS: "-oProxyCommand=touch%pwned" is not N/host,...'* ]]
	run -2 --separate-stderr make -f "$ROOT/Makefile" B="$BIN" results HOSTS="0/$HA"
	[[ "$stderr" == *"is not N/host,..."* ]]
	[ ! -e pwned ]
	[ ! -e processed_data/a.dat ]
}

# Last: it kills sshd b.
@test "hosts: a host killed mid-run; every result arrives once" {
	cd "$BATS_TEST_TMPDIR"
	fanout -S "2/$HA,2/$HB" --joblog log sh -c 'sleep 0.3; echo $0' \
		::: $(seq 40) > out 2> err &
	pid=$!
	sleep 1.5
	b=$(cat "$SSHD_DIR/b.pid")
	pkill -KILL -P "$b"
	kill -KILL "$b"
	status=0; wait $pid || status=$?
	[ "$status" -eq 0 ]
	[ "$(sort -n out)" = "$(seq 40)" ]
	[ "$(tail -n +2 log | cut -f1 | sort -n | uniq | wc -l)" -eq 40 ]
	[ "$(tail -n +2 log | wc -l)" -eq 40 ]
	grep -q "$HB: 3 failed connections" err
}

# After the test that kills sshd b: host a only.
@test "hosts: --return files land through a temporary file, in the usual mode" {
	mkdir -p "$BATS_TEST_TMPDIR/ret"
	cd "$BATS_TEST_TMPDIR/ret"
	umask 027
	run -0 fanout -S "$HA" --return '{}.out' 'echo {} > {}.out' ::: r1 r2
	[ "$(cat r1.out)" = r1 ]
	[ "$(stat -c %a r2.out)" = 640 ]
	[ "$(ls -A | tr '\n' ' ')" = "r1.out r2.out " ]
}
