# tests/sshd.bash: throwaway sshd for tests/hosts.bats and
# tests/bench/hosts.sh, with their own host and user keys in $SSHD_DIR.
# Needs root and openssh-server; each daemon is stopped by its pid.
#
#   sshd_keys            keys, authorized_keys and $SSHD_DIR/ssh_config
#   sshd_on NAME ADDR    an sshd on ADDR, first free port from a per-run
#                        base: sets PORT; log in $SSHD_DIR/NAME.log
#   sshd_stop NAME       stop it

sshd_keys() {
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
}

# sshd_start NAME ADDR PORT: an sshd in the foreground of a background job.
# VERBOSE: the log has a line per connection (Accepted publickey) and per
# session (Starting session), so a test can count both.
sshd_start() {
	local d=$SSHD_DIR i
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
	LogLevel VERBOSE
	# bash reads ~/.bashrc only at SHLVL 1: not for these test sessions.
	SetEnv SHLVL=1
	EOF
	/usr/sbin/sshd -D -f "$d/$1.conf" -E "$d/$1.log" \
		</dev/null >/dev/null 2>&1 3>&- &
	echo $! > "$d/$1.pid"
	disown
	for i in $(seq 50); do
		kill -0 "$(cat "$d/$1.pid")" 2>/dev/null || return 1
		(exec 3<>"/dev/tcp/$2/$3") 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

sshd_on() {
	local try
	for try in 0 1 2 3 4 5 6 7; do
		PORT=$((20000 + ($$ * 7 + try * 101) % 40000))
		sshd_start "$1" "$2" "$PORT" && return 0
	done
	echo "sshd $1 did not start" >&2
	cat "$SSHD_DIR/$1.log" >&2
	return 1
}

sshd_stop() {
	if [ -f "$SSHD_DIR/$1.pid" ]; then
		kill "$(cat "$SSHD_DIR/$1.pid")" 2>/dev/null || true
	fi
}
