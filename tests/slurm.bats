#!/usr/bin/env bats
load test_helper

# The word count and pi under a real Slurm: a one-node cluster of this host
# (munged on its own socket, slurmctld, slurmd, all on loopback ports no
# other suite uses), started as root here and stopped by pid at the end.
# See /work/shared/notes/slurm-one-node.md for the recipe.

unset MAKEFLAGS MFLAGS MAKELEVEL
BIN=$(cd "$BIN" && pwd)
PATH=$BIN:$PATH

# slurm_start: sets SL (the cluster's directory) and SLURM_CONF, or
# SLURM_SKIP with the reason.
slurm_start() {
	local h p i
	SL=$(mktemp -d /tmp/wc-slurm.XXXXXX)
	# munged runs as munge and must reach its socket's directory.
	chmod 755 "$SL"
	mkdir -p "$SL/state" "$SL/spool" "$SL/munge"
	chown munge:munge "$SL/munge"
	chmod 711 "$SL/munge"
	runuser -u munge -- /usr/sbin/munged --socket="$SL/munge/sock" \
		--pid-file="$SL/munge/pid" --log-file="$SL/munge/log" \
		--seed-file="$SL/munge/seed" </dev/null >"$SL/munged.out" 2>&1 3>&- ||
		{ SLURM_SKIP="munged did not start: $(cat "$SL/munged.out")"; return 0; }
	# Two ports below the range of hosts.bats's sshd, nothing listening.
	for i in $(seq 0 20); do
		p=$((16000 + ($$ * 2 + i * 58) % 2000))
		(exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && continue
		(exec 3<>"/dev/tcp/127.0.0.1/$((p + 1))") 2>/dev/null && continue
		break
	done
	h=$(hostname -s)
	cat > "$SL/slurm.conf" <<-EOF
	ClusterName=wctest
	SlurmctldHost=$h(127.0.0.1)
	SlurmUser=root
	SlurmdUser=root
	AuthType=auth/munge
	AuthInfo=socket=$SL/munge/sock
	CredType=cred/munge
	SlurmctldPort=$p
	SlurmdPort=$((p + 1))
	StateSaveLocation=$SL/state
	SlurmdSpoolDir=$SL/spool
	SlurmctldPidFile=$SL/ctld.pid
	SlurmdPidFile=$SL/d.pid
	SlurmctldLogFile=$SL/ctld.log
	SlurmdLogFile=$SL/d.log
	ProctrackType=proctrack/linuxproc
	TaskPlugin=task/none
	JobAcctGatherType=jobacct_gather/none
	SelectType=select/cons_tres
	SelectTypeParameters=CR_CPU
	MpiDefault=none
	ReturnToService=2
	NodeName=$h NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN
	PartitionName=wctest Nodes=$h Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE
	EOF
	export SLURM_CONF=$SL/slurm.conf
	/usr/sbin/slurmctld -f "$SLURM_CONF" </dev/null >"$SL/ctld.out" 2>&1 3>&- &&
	/usr/sbin/slurmd -f "$SLURM_CONF" </dev/null >"$SL/d.out" 2>&1 3>&- ||
		{ SLURM_SKIP="Slurm's daemons did not start: $(cat "$SL"/*.out)"; return 0; }
	for i in $(seq 100); do
		[ "$(sinfo -h -N -o %T 2>/dev/null)" = idle ] && return 0
		sleep 0.2
	done
	SLURM_SKIP="the Slurm node never became idle: $(sinfo -N 2>&1 | tail -1)"
}

# bats 1.8 cannot skip in setup_file: each test skips in setup.
setup_file() {
	local v
	# A test counts the steps in slurmd's log: one test at a time.
	export BATS_NO_PARALLELIZE_WITHIN_FILE=true
	export SLURM_SKIP= SL=
	# Not the allocation we may run in: only the cluster started here.
	for v in $(compgen -e | grep '^SLURM_' || true); do
		unset "$v"
	done
	if [ "$(id -u)" != 0 ]; then
		SLURM_SKIP="Slurm's daemons need root here"
	elif [ ! -x /usr/sbin/slurmctld ] || [ ! -x /usr/sbin/slurmd ] ||
	    [ ! -x /usr/sbin/munged ] || ! command -v sbatch >/dev/null; then
		SLURM_SKIP="no Slurm (Debian: apt-get install slurm-wlm munge)"
	elif ! id munge >/dev/null 2>&1 || [ ! -r /etc/munge/munge.key ]; then
		SLURM_SKIP="no munge user or /etc/munge/munge.key"
	else
		slurm_start
	fi
}

setup() {
	[ -z "$SLURM_SKIP" ] || skip "$SLURM_SKIP"
}

# stop PIDFILE: the daemon whose pid it holds, waited for.
stop() {
	local pid i
	[ -f "$1" ] || return 0
	pid=$(cat "$1")
	kill "$pid" 2>/dev/null || return 0
	for i in $(seq 50); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.1
	done
	kill -KILL "$pid" 2>/dev/null || true
}

teardown_file() {
	local i
	[ -n "${SL:-}" ] || return 0
	if [ -f "$SL/ctld.pid" ]; then
		scancel --quiet --user=root 2>/dev/null || true
		for i in $(seq 50); do
			[ -z "$(squeue -h 2>/dev/null)" ] && break
			sleep 0.2
		done
	fi
	stop "$SL/d.pid"
	stop "$SL/ctld.pid"
	stop "$SL/munge/pid"
	rm -rf "$SL"
}

# corpus DIR: DIR/data/MANIFEST naming four small books of the mirror
# (fetched from BOOKS_URL by the run itself).
corpus() {
	local b
	mkdir -p "$1/data"
	for b in pg13 pg36 pg104 pg117; do
		echo "$(git hash-object "$BOOKS_DIR/$b.txt") - $b.txt"
	done > "$1/data/MANIFEST"
}

# steps JOB: the job steps that slurmd launched for JOB.
steps() {
	grep -c "launch task StepId=$1\.[0-9]" "$SL/d.log" || true
}

@test "slurm: wordcount.sbatch runs every per-book step as a job step; outputs as a local run" {
	need_books
	corpus "$BATS_TEST_TMPDIR/local"
	corpus "$BATS_TEST_TMPDIR/slurm"
	export BOOKS='pg13 pg36 pg117' BOOKS_URL=$BOOKS_DIR
	cd "$BATS_TEST_TMPDIR/local"
	make -s -f "$ROOT/Makefile" B="$BIN" -j2 results acf
	cd "$BATS_TEST_TMPDIR/slurm"
	run -0 sbatch -W -t 5 -n 2 -o job.out "$ROOT/examples/slurm/wordcount.sbatch" \
		-f "$ROOT/Makefile" B="$BIN" results acf
	job=${output##* }
	cat job.out
	# 3 books (BOOKS, not the MANIFEST's 4) x count, chart, acf
	[ "$(steps "$job")" -eq 9 ]
	[ "$(ls processed_data/*.dat | wc -l)" -eq 3 ]
	diff -r "$BATS_TEST_TMPDIR/local/processed_data" processed_data
	diff -r "$BATS_TEST_TMPDIR/local/results" results
}

@test "slurm: LAUNCH is any prefix: plain srun, one job a step, outside an allocation" {
	need_books
	corpus "$BATS_TEST_TMPDIR/local"
	corpus "$BATS_TEST_TMPDIR/srun"
	export BOOKS='pg13 pg104' BOOKS_URL=$BOOKS_DIR
	cd "$BATS_TEST_TMPDIR/local"
	make -s -f "$ROOT/Makefile" B="$BIN" -j2 results
	cd "$BATS_TEST_TMPDIR/srun"
	before=$(grep -c 'launch task' "$SL/d.log")
	make -s -f "$ROOT/Makefile" B="$BIN" -j2 results LAUNCH='srun -n1 --quiet'
	[ "$(($(grep -c 'launch task' "$SL/d.log") - before))" -eq 4 ]
	diff -r "$BATS_TEST_TMPDIR/local/processed_data" processed_data
	diff -r "$BATS_TEST_TMPDIR/local/results" results
}

@test "slurm: a failing step fails the job, and leaves no output behind" {
	mkdir -p "$BATS_TEST_TMPDIR/bad/data/bad.txt"
	cp "$FIX/wc-count/mixed.txt" "$BATS_TEST_TMPDIR/bad/data/"
	cd "$BATS_TEST_TMPDIR/bad"
	run -2 sbatch -W -t 5 -n 2 -o job.out "$ROOT/examples/slurm/wordcount.sbatch" \
		-f "$ROOT/Makefile" B="$BIN" results
	cat job.out
	grep -q 'wc-count: data/bad.txt: Is a directory' job.out
	[ ! -e processed_data/bad.dat ]
	[ ! -e results/results.csv ]
}

@test "slurm: pi.sbatch gives the answer of a local make pi" {
	cd "$BATS_TEST_TMPDIR"
	run -0 make -s -f "$ROOT/Makefile" B="$BIN" pi DARTS=1e8 SEED=7 J=3
	here=$output
	[[ "$here" == *"estimate 3.14"* ]]
	run -0 env DARTS=1e8 SEED=7 WC_BIN="$BIN" \
		sbatch -W -t 5 -n 2 -o pi.out "$ROOT/examples/slurm/pi.sbatch"
	job=${output##* }
	[ "$(steps "$job")" -eq 1 ]
	# one step of two tasks: both ranks reported
	[ "$(cat pi.out)" = "$here" ]
}
