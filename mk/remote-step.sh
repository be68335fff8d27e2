#!/usr/bin/env bash
# mk/remote-step.sh FANOUT HOSTS DIR command [arg ...]: one per-book step
# (count, chart, acf) on a free slot of HOSTS, through fanout, over that
# host's one ssh connection of the run.  HOSTS is fanout -S syntax
# (4/nodeA,4/nodeB; : is this machine); DIR holds the slot locks and the
# connections' sockets (empty: $TMPDIR/wordcount-ssh.UID).
#
# Why not one fanout -S per step: each would open its own connection (one
# handshake a book) and all would start on the first slot.  Here every
# step of a run, whichever make job runs it, takes a slot lock (flock) so
# no host runs more than its N steps, and shares the host's ControlMaster,
# opened once under a lock and kept ControlPersist seconds after its last
# step.  FANOUT_SSH, if set, is the ssh command, as for fanout.
set -eu -o pipefail

if [ $# -lt 4 ]; then
	echo "usage: remote-step.sh fanout hosts dir command [arg ...]" >&2
	exit 2
fi
fanout=$1 hosts=$2 dir=$3
shift 3
persist=60

# The socket path (dir/cm-HOST or dir/cm-%C, and ssh's temporary suffix)
# must fit in 108 bytes, and fanout splits FANOUT_SSH at blanks.
if [ -z "$dir" ]; then
	dir=${TMPDIR:-/tmp}
	[ "${#dir}" -le 40 ] && [[ "$dir" != *[[:space:]]* ]] || dir=/tmp
	dir=$dir/wordcount-ssh.$(id -u)
fi
if [ "${#dir}" -gt 56 ] || [[ "$dir" == *[[:space:]]* ]]; then
	echo "remote-step: $dir: HOSTS_DIR must be at most 56 bytes, without blanks" >&2
	exit 1
fi
mkdir -p -m 700 "$dir"
# Others must not reach our connections.
if [ -L "$dir" ] || [ ! -O "$dir" ] || [ "$(stat -c %a "$dir")" != 700 ]; then
	echo "remote-step: $dir: not a directory of ours with mode 700" >&2
	exit 1
fi

# The slots in turns across the hosts (A1 B1 A2 B2 ...), so that a few
# steps at once spread over every host.
specs=() counts=()
IFS=, read -r -a words <<<"$hosts"
for w in "${words[@]}"; do
	w=${w//[[:space:]]/}
	[ -n "$w" ] || continue
	n=1
	if [[ "$w" == */* ]]; then
		n=${w%%/*} w=${w#*/}
	fi
	if ! [[ "$n" =~ ^[1-9][0-9]*$ ]] || [ -z "$w" ] || [[ "$w" == -* ]]; then
		echo "remote-step: HOSTS: \"$hosts\" is not N/host,..." >&2
		exit 2
	fi
	specs+=("$w") counts+=("$n")
done
if [ ${#specs[@]} -eq 0 ]; then
	echo "remote-step: HOSTS: no hosts" >&2
	exit 2
fi
order=() max=0
for n in "${counts[@]}"; do
	[ "$n" -le "$max" ] || max=$n
done
for ((k = 1; k <= max; k++)); do
	for i in "${!specs[@]}"; do
		[ "$k" -gt "${counts[i]}" ] || order+=("$i/$k")
	done
done

# slot_file I/K: the lock of slot K of host I, on fd 9; sets host.
slot_file() {
	host=${specs[${1%/*}]}
	exec 9>"$dir/slot.$host.${1#*/}"
}

# down I: host I could not be reached less than a minute ago (a shell
# builtin read: this runs for every slot of every step).
down() {
	local t
	[ -r "$dir/down.${specs[$1]}" ] && read -r t < "$dir/down.${specs[$1]}" &&
		[ $((EPOCHSECONDS - t)) -lt 60 ]
}

# take_slot: hold a free slot's lock, on a host that answers if any does;
# if every slot is busy (make -j above the slots), wait for one of them.
take_slot() {
	local s live=()
	for s in "${order[@]}"; do
		down "${s%/*}" || live+=("$s")
	done
	[ ${#live[@]} -gt 0 ] || live=("${order[@]}")
	for s in "${live[@]}"; do
		slot_file "$s"
		flock -n 9 && return
	done
	slot_file "${live[$(($$ % ${#live[@]}))]}"
	flock 9
}
take_slot

if [ "$host" = : ]; then
	"$@" 9>&-
	exit
fi

ssh=${FANOUT_SSH:-ssh}
port=()
dest=$host
if [[ "$host" =~ ^(.+):([0-9]+)$ ]]; then
	dest=${BASH_REMATCH[1]} port=(-p "${BASH_REMATCH[2]}")
fi
# The socket named after the host, so that a test for it costs no process
# (ssh -O check costs a third of a step); ssh's hash for long names.
cp=$dir/cm-$host
[ "${#cp}" -le 88 ] && [[ "$host" != *[%[:space:]]* ]] || cp=$dir/cm-%C
# One master a host: the first step there opens it, under a lock, so
# that steps starting together do not each open their own.
# shellcheck disable=SC2086 # FANOUT_SSH is words, as fanout splits it
# A host that cannot be reached is marked down for a minute, and the step
# starts again on another (once per host at most), so that a dead host
# costs one connect timeout a minute, not one a step.
failed=
if [ ! -S "$cp" ]; then
	exec 8>"$dir/master.$host"
	flock 8
	for i in "${!specs[@]}"; do
		[ "${specs[i]}" != "$host" ] || me=$i
	done
	if down "$me"; then
		failed=1
	elif ! $ssh -o ControlPath="$cp" "${port[@]}" -O check "$dest" >/dev/null 2>&1 &&
	    ! $ssh -o ControlPath="$cp" -o ControlMaster=yes -o ControlPersist=$persist \
		-o BatchMode=yes -o ConnectTimeout=10 -o ServerAliveInterval=5 \
		"${port[@]}" -f -N "$dest" </dev/null >/dev/null 2>&1 8>&- 9>&-; then
		printf '%s\n' "$EPOCHSECONDS" > "$dir/down.$host"
		failed=1
	fi
	exec 8>&-
fi
if [ -n "$failed" ]; then
	for i in "${!specs[@]}"; do
		down "$i" && continue
		exec 9>&-
		exec "$0" "$fanout" "$hosts" "$dir" "$@"
	done
fi

# The step never opens a connection of its own while the master is up;
# fanout's own ControlPath comes after ours, and the first one wins.
# The other hosts follow, one slot each: if this one fails, fanout runs
# the step again there.
others=
for w in "${specs[@]}"; do
	[ "$w" = "$host" ] || others+=",1/$w"
done
FANOUT_SSH="$ssh -o ControlPath=$cp -o ControlMaster=no" \
	"$fanout" -n 1 -S "1/$host$others" "$@" 9>&-
