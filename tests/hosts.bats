#!/usr/bin/env bats
load test_helper

# fanout -S over real ssh: two throwaway sshd on 127.0.0.2 and 127.0.0.3,
# with their own host and user keys, stopped by pid at the end.

unset MAKEFLAGS MFLAGS MAKELEVEL
BIN=$(cd "$BIN" && pwd)
PATH=$BIN:$PATH

# start_sshd NAME ADDR PORT: an sshd in the foreground of a background job.
start_sshd() {
	local d=$SSHD_DIR
	cat > "$d/$1.conf" <<-EOF
	ListenAddress $2:$3
	HostKey $d/hostkey
	AuthorizedKeysFile $d/authorized_keys
	PidFile $d/$1.pidfile
	StrictModes no
	PasswordAuthentication no
	KbdInteractiveAuthentication no
	UsePAM no
	PermitRootLogin prohibit-password
	MaxStartups 100
	LogLevel INFO
	# bash reads ~/.bashrc only at SHLVL 1: not for these test sessions.
	SetEnv SHLVL=1
	EOF
	/usr/sbin/sshd -D -f "$d/$1.conf" -E "$d/$1.log" \
		</dev/null >/dev/null 2>&1 3>&- &
	echo $! > "$d/$1.pid"
	disown
	local i
	for i in $(seq 50); do
		kill -0 "$(cat "$d/$1.pid")" 2>/dev/null || return 1
		(exec 3<>"/dev/tcp/$2/$3") 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

# sshd_on NAME ADDR: start it on the first free port from a per-run base;
# sets PORT.
sshd_on() {
	local try
	for try in 0 1 2 3 4 5 6 7; do
		PORT=$((20000 + ($$ * 7 + try * 101) % 40000))
		start_sshd "$1" "$2" "$PORT" && return 0
	done
	echo "sshd $1 did not start" >&2
	cat "$SSHD_DIR/$1.log" >&2
	return 1
}

# bats 1.8 cannot skip in setup_file: each test skips in setup.
setup_file() {
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
	mkdir -p "$SSHD_DIR" /run/sshd
	ssh-keygen -q -t ed25519 -N '' -f "$SSHD_DIR/hostkey"
	ssh-keygen -q -t ed25519 -N '' -f "$SSHD_DIR/userkey"
	cp "$SSHD_DIR/userkey.pub" "$SSHD_DIR/authorized_keys"
	cat > "$SSHD_DIR/ssh_config" <<-EOF
	Host *
	  IdentityFile $SSHD_DIR/userkey
	  IdentitiesOnly yes
	  UserKnownHostsFile $SSHD_DIR/known_hosts
	  StrictHostKeyChecking no
	  LogLevel ERROR
	EOF
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
		if [ -f "$SSHD_DIR/$n.pid" ]; then
			kill "$(cat "$SSHD_DIR/$n.pid")" 2>/dev/null || true
		fi
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
	make -n -C "$ROOT" pi HOSTS="2/$HA" 2>/dev/null | grep -q -- "-S 2/$HA" ||
		skip "make pi does not hand HOSTS to fanout -S (mk/pi.mk)"
	run -0 make -s -C "$ROOT" pi J=4 DARTS=1e8
	here=$(grep estimate <<<"$output")
	[ -n "$here" ]
	run -0 make -s -C "$ROOT" pi J=4 DARTS=1e8 HOSTS="2/$HA,2/$HB"
	[ "$(grep estimate <<<"$output")" = "$here" ]
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
