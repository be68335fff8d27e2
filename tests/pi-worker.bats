#!/usr/bin/env bats
load test_helper

line_re='^pi-worker 1 seed=[0-9]+ darts=[0-9]+ rank=[0-9]+ size=[0-9]+ thrown=[0-9]+ inside=[0-9]+$'

# total SEED DARTS SIZE: the run's inside count over SIZE workers.
total() {
	local r
	for ((r = 0; r < $3; r++)); do
		pi-worker -s "$1" -r "$r" -R "$3" "$2"
	done | awk '{ split($8, t, "="); s += t[2]; n++ } END { print n, s }'
}

have_avx512() {
	grep -qw avx512dq /proc/cpuinfo && grep -qw avx512vl /proc/cpuinfo
}

@test "pi-worker: -h prints the usage on stdout" {
	run -0 pi-worker -h
	[[ "$output" == "usage: pi-worker "* ]]
}

@test "pi-worker: bad usage exits 2 with the usage line" {
	run -2 --separate-stderr pi-worker -Z 10
	usage_ok pi-worker
	run -2 --separate-stderr pi-worker
	usage_ok pi-worker
	run -2 --separate-stderr pi-worker 10 20
	usage_ok pi-worker
	run -2 --separate-stderr pi-worker -r 1 10
	usage_ok pi-worker
	run -2 --separate-stderr pi-worker -R 2 10
	usage_ok pi-worker
}

@test "pi-worker: 0, negative, fractional and too many darts are usage errors" {
	for d in 0 -1 0e5 1.5e0 abc 1e 10^ 1e19 '2^63' 9223372036854775808 ''; do
		run -2 --separate-stderr pi-worker -- "$d"
		usage_ok pi-worker
		[[ "$stderr" == *"darts \"$d\""* ]]
	done
}

@test "pi-worker: 10000000, 1e7, 10^7 and 1.0e7 are the same run" {
	want=$(pi-worker -s 3 10000000)
	[[ "$want" =~ $line_re ]]
	[[ "$want" == *" darts=10000000 "* ]]
	for d in 1e7 10^7 1.0e7 1E7 0.01e9 10000000e0; do
		run -0 pi-worker -s 3 "$d"
		[ "$output" = "$want" ]
	done
}

@test "pi-worker: an exponent may have a +; a whole value may be written with a fraction; no negative exponent (issue 13.8)" {
	want=$(pi-worker -s 3 1000)
	for d in 1e+3 1E+3 1e+03 0.1e+4 1.000e3; do
		run -0 pi-worker -s 3 "$d"
		[ "$output" = "$want" ]
	done
	run -0 pi-worker -s 3 0.5e1
	[[ "$output" == *" darts=5 "* ]]
	for d in 1e-3 5000e-3 1e+ 1e++3 1e+-3 +1e3 '2^+3'; do
		run -2 --separate-stderr pi-worker -- "$d"
		usage_ok pi-worker
		[[ "$stderr" == "pi-worker: darts \"$d\" is not a positive count"* ]]
	done
}

@test "pi-worker: 2^63-1 darts are accepted; each rank of a huge size throws its slice" {
	run -0 pi-worker -r 5 -R 9223372036854775807 9223372036854775807
	[[ "$output" == *" darts=9223372036854775807 rank=5 size=9223372036854775807 thrown=1 "* ]]
	# 2^63-1 = 3 * 3074457345618258602 + 1: rank 0 throws 4, the last 3.
	run -0 pi-worker -r 0 -R 3074457345618258602 9223372036854775807
	[[ "$output" == *" thrown=4 "* ]]
	run -0 pi-worker -r 3074457345618258601 -R 3074457345618258602 9223372036854775807
	[[ "$output" == *" thrown=3 "* ]]
}

@test "pi-worker: -r beyond -R, and bad seeds, are usage errors" {
	run -2 --separate-stderr pi-worker -r 3 -R 3 10
	[[ "$stderr" == *"rank 3 is not below size 3"* ]]
	usage_ok pi-worker
	run -2 --separate-stderr pi-worker -r 0 -R 0 10
	[[ "$stderr" == *'size "0" is out of range'* ]]
	run -2 --separate-stderr pi-worker -s 18446744073709551616 10
	[[ "$stderr" == *"seed"*"out of range"* ]]
	run -0 pi-worker -s 18446744073709551615 10
	[[ "$output" == "pi-worker 1 seed=18446744073709551615 darts=10 rank=0 size=1 thrown=10 inside="* ]]
}

@test "pi-worker: dart i is splitmix64's output i+1, as published (seed 1234567)" {
	# The five values Vigna's splitmix64 gives for seed 1234567, turned
	# into cell centres by a separate program (tests/fixtures/pi-worker).
	run -0 pi-worker -d -s 1234567 5
	[ "$output" = "$(cat "$FIX/pi-worker/splitmix64-1234567.darts")" ]
}

@test "pi-worker: the integer hit test agrees with x*x + y*y <= 1 on the printed darts" {
	want=$(pi-worker -d -s 8 -r 1 -R 2 200000 | awk '{ n += $1 * $1 + $2 * $2 <= 1 } END { print n }')
	run -0 pi-worker -s 8 -r 1 -R 2 200000
	[[ "$output" == *" thrown=100000 inside=$want" ]]
	[ "$want" -gt 77000 ] && [ "$want" -lt 80000 ]
}

@test "pi-worker: slices are contiguous, balanced and in order" {
	pi-worker -d -s 9 100 >"$BATS_TEST_TMPDIR/all"
	for r in 0 1 2 3 4 5 6; do
		pi-worker -d -s 9 -r $r -R 7 100
	done >"$BATS_TEST_TMPDIR/parts"
	cmp "$BATS_TEST_TMPDIR/all" "$BATS_TEST_TMPDIR/parts"
	[ "$(wc -l <"$BATS_TEST_TMPDIR/all")" -eq 100 ]
	# 100 = 7*14 + 2: ranks 0 and 1 throw 15, the others 14.
	run -0 pi-worker -r 1 -R 7 100
	[[ "$output" == *" thrown=15 "* ]]
	run -0 pi-worker -r 2 -R 7 100
	[[ "$output" == *" thrown=14 "* ]]
}

@test "pi-worker: sizes 1, 2, 3, 7 and 64 give the same total, bit for bit" {
	want=$(total 42 10000003 1)
	[[ "$want" == "1 "* ]]
	for n in 2 3 7 64; do
		got=$(total 42 10000003 $n)
		[ "$got" = "$n ${want#1 }" ]
	done
	# ... and a different seed gives a different total.
	[ "$(total 43 10000003 1)" != "$want" ]
}

@test "pi-worker: darts are uniform over the unit square (chi-square, 16x16 cells)" {
	for s in 1 2; do
		pi-worker -d -s $s 262144 | awk '
			{ c[int($1 * 16) * 16 + int($2 * 16)]++; n++ }
			END {
				e = n / 256
				for (i = 0; i < 256; i++) x += (c[i] - e) ^ 2 / e
				print x
				# 255 degrees of freedom: 0.1% in either tail
				exit !(n == 262144 && x > 190.8 && x < 330.6)
			}'
	done
}

@test "pi-worker: coordinates are not correlated between x and y (chi-square on quadrants of consecutive darts)" {
	# x of dart i against y of dart i+1: 4x4 cells, 15 degrees of freedom.
	pi-worker -d -s 5 65536 | awk '
		NR > 1 { c[int(px * 4) * 4 + int($2 * 4)]++; n++ }
		{ px = $1 }
		END {
			e = n / 16
			for (i = 0; i < 16; i++) x += (c[i] - e) ^ 2 / e
			print x
			exit !(x > 3.5 && x < 37.7)
		}'
}

@test "pi-worker: 1e9 darts land within 4 standard errors of pi" {
	pi-worker -s 1 1e9 | pi-sum | awk '
		$1 == "estimate" { e = $2 } $1 == "stderr" { s = $2 }
		END {
			d = e - 3.14159265358979; if (d < 0) d = -d
			print e, s, d / s
			exit !(s > 0 && s < 0.0001 && d < 4 * s)
		}'
}

@test "pi-worker: the line is written with one write(2)" {
	command -v strace >/dev/null || skip "no strace"
	# LeakSanitizer (make check SAN=1) cannot run under ptrace.
	ASAN_OPTIONS=detect_leaks=0 strace -f -e trace=write -o "$BATS_TEST_TMPDIR/trace" \
		pi-worker -r 1 -R 3 1000 >"$BATS_TEST_TMPDIR/out"
	grep -E "$line_re" "$BATS_TEST_TMPDIR/out"
	[ "$(grep -c 'write(1,' "$BATS_TEST_TMPDIR/trace")" -eq 1 ]
}

@test "pi-worker: rank and size come from fanout, Open MPI, Hydra, Slurm, in that order" {
	run -0 env FANOUT_RANK=1 FANOUT_SIZE=4 pi-worker 100
	[[ "$output" == *" rank=1 size=4 "* ]]
	run -0 env OMPI_COMM_WORLD_RANK=2 OMPI_COMM_WORLD_SIZE=5 pi-worker 100
	[[ "$output" == *" rank=2 size=5 "* ]]
	run -0 env PMI_RANK=3 PMI_SIZE=6 pi-worker 100
	[[ "$output" == *" rank=3 size=6 "* ]]
	run -0 env SLURM_PROCID=4 SLURM_NTASKS=7 pi-worker 100
	[[ "$output" == *" rank=4 size=7 "* ]]
	run -0 env SLURM_PROCID=4 SLURM_NTASKS=7 PMI_RANK=3 PMI_SIZE=6 pi-worker 100
	[[ "$output" == *" rank=3 size=6 "* ]]
	run -0 env FANOUT_RANK=1 FANOUT_SIZE=4 OMPI_COMM_WORLD_RANK=2 OMPI_COMM_WORLD_SIZE=5 pi-worker 100
	[[ "$output" == *" rank=1 size=4 "* ]]
	# -r and -R win over the environment.
	run -0 env FANOUT_RANK=1 FANOUT_SIZE=4 pi-worker -r 0 -R 2 100
	[[ "$output" == *" rank=0 size=2 "* ]]
	# Nothing set: rank 0 of 1.
	run -0 env -u FANOUT_RANK -u OMPI_COMM_WORLD_RANK -u PMI_RANK -u SLURM_PROCID pi-worker 100
	[[ "$output" == *" rank=0 size=1 thrown=100 "* ]]
}

@test "pi-worker: a bad rank in the environment is an error" {
	run -1 --separate-stderr env FANOUT_RANK=4 FANOUT_SIZE=4 pi-worker 100
	[ "$stderr" = "pi-worker: FANOUT_RANK 4 is not below FANOUT_SIZE 4" ]
	[ -z "$output" ]
	run -1 --separate-stderr env SLURM_PROCID=x SLURM_NTASKS=4 pi-worker 100
	[ "$stderr" = 'pi-worker: SLURM_PROCID "x" is not a number' ]
	run -1 --separate-stderr env PMI_RANK=1 pi-worker 100
	[ "$stderr" = "pi-worker: PMI_RANK is set but PMI_SIZE is not" ]
	run -1 --separate-stderr env OMPI_COMM_WORLD_RANK=0 OMPI_COMM_WORLD_SIZE=0 pi-worker 100
	[ "$stderr" = "pi-worker: OMPI_COMM_WORLD_SIZE is 0" ]
	run -1 --separate-stderr env SLURM_PROCID=9223372036854775808 SLURM_NTASKS=4 pi-worker 100
	[ "$stderr" = 'pi-worker: SLURM_PROCID "9223372036854775808" is out of range (0 to 2^63-1)' ]
}

@test "pi-worker: an empty launcher variable is not a number, not unset (issue 13.8)" {
	run -1 --separate-stderr env FANOUT_RANK= FANOUT_SIZE=4 pi-worker 100
	[ "$stderr" = 'pi-worker: FANOUT_RANK "" is not a number' ]
	[ -z "$output" ]
	run -1 --separate-stderr env FANOUT_RANK= FANOUT_SIZE= pi-worker 100
	[ "$stderr" = 'pi-worker: FANOUT_RANK "" is not a number' ]
	# Not unset: an empty inner pair does not fall through to an outer one.
	run -1 --separate-stderr env PMI_RANK=1 PMI_SIZE= SLURM_PROCID=0 SLURM_NTASKS=1 pi-worker 100
	[ "$stderr" = 'pi-worker: PMI_SIZE "" is not a number' ]
	# -r and -R still win.
	run -0 env FANOUT_RANK= FANOUT_SIZE= pi-worker -r 0 -R 1 100
}

@test "pi-worker: PI_ISA=generic forces the plain C loop, and it counts the same darts" {
	run -0 --separate-stderr env PI_ISA=generic pi-worker -v -s 11 -r 1 -R 3 30000005
	[[ "$stderr" == *"kernel generic"* ]]
	generic=$output
	run -0 --separate-stderr pi-worker -v -s 11 -r 1 -R 3 30000005
	[ "$output" = "$generic" ]
	if have_avx512; then
		[[ "$stderr" == *"kernel avx512"* ]]
	fi
}

@test "pi-worker: the AVX-512 and generic loops agree on every short slice (vector tails)" {
	have_avx512 || skip "no AVX-512 here"
	for n in $(seq 1 70); do
		a=$(PI_ISA=avx512 pi-worker -s 77 -r 1 -R 2 $((2 * n)))
		g=$(PI_ISA=generic pi-worker -s 77 -r 1 -R 2 $((2 * n)))
		[ "$a" = "$g" ] || { echo "n=$n: $a / $g"; false; }
	done
}

@test "pi-worker: an unknown PI_ISA is an error" {
	run -1 --separate-stderr env PI_ISA=sse9 pi-worker 10
	[ "$stderr" = 'pi-worker: PI_ISA "sse9" is not one of auto, generic, avx512' ]
	[ -z "$output" ]
}

@test "pi-worker: a failed write is an error" {
	[ -w /dev/full ] || skip "no /dev/full"
	run -1 --separate-stderr bash -c 'pi-worker 10 >/dev/full'
	[[ "$stderr" == "pi-worker: stdout: No space left on device" ]]
}

@test "pi-worker: on a CPU without AVX-512 (valgrind's) it runs the generic loop, same line" {
	command -v valgrind >/dev/null || skip "no valgrind"
	[ "$(uname -m)" = x86_64 ] || skip "not x86-64"
	[[ "$BIN" != */san ]] || skip "sanitizer build"
	want=$(pi-worker -s 4 -r 2 -R 5 1000003)
	# valgrind's virtual CPU has AVX2 but no AVX-512.
	run -0 --separate-stderr valgrind -q pi-worker -v -s 4 -r 2 -R 5 1000003
	[[ "$stderr" == *"kernel generic"* ]]
	[ "$output" = "$want" ]
	run -1 --separate-stderr env PI_ISA=avx512 valgrind -q pi-worker 10
	[ "$stderr" = "pi-worker: PI_ISA=avx512: this CPU has no AVX-512 (F, DQ, VL)" ]
}

@test "pi-worker: no AVX instruction outside the AVX-512 kernel, so any x86-64 runs it" {
	command -v objdump >/dev/null || skip "no objdump"
	[ "$(uname -m)" = x86_64 ] || skip "not x86-64"
	[[ "$BIN" != */san ]] || skip "sanitizer build"
	objdump -d --no-show-raw-insn "$BIN/pi-worker" | awk '
		/^[0-9a-f]+ <.*>:$/ { f = $2 }
		/%[yz]mm|%k[0-7]|^ +[0-9a-f]+:\t+v[a-z]/ {
			if (f ~ /^<throw_avx512/) k++; else { print f, $0; bad++ }
		}
		END { exit !(k > 0 && bad == 0) }'
}
