#!/bin/sh
# make bench: kobun against a naive pango+cairo floor (tests/bench/floor.c) on
# generated DX推進員 nominations, interleaved in one run; prints docs/s, CPU per
# document, peak RSS and average PDF size, and the kobun/floor ratios.
#   tests/bench/bench.sh KOBUN FLOOR
# Builds nothing (the Makefile does). Environment:
#   BENCH_N="1000 10000"   numbers of nominations, one table each
#   BENCH_ROUNDS=3         rounds (kobun -j 1, kobun -j N, floor, ...) per N
#   BENCH_ROUNDS_LARGE=1   rounds for N >= 10000 (3 of each would take too long here)
#   BENCH_JOBS=$(nproc)    N of kobun -j N
#   BENCH_CHECK_N="1000 100000"  sizes at which `kobun check` alone is timed
#                          (load, rules and plan: memory against the number of records)
# With KOBUN_PROFILE=1, kobun may print `kobun: profile: STAGE SECONDS` on
# standard error; those of the median kobun -j 1 run are shown if present.
# See docs/benchmarks.md.
set -eu
[ $# -eq 2 ] || { echo "usage: $0 KOBUN FLOOR" >&2; exit 2; }
kobun=$1
floor=$2
ns=${BENCH_N:-1000 10000}
rounds=${BENCH_ROUNDS:-3}
rounds_large=${BENCH_ROUNDS_LARGE:-1}
jobs=${BENCH_JOBS:-$(nproc)}
[ -x /usr/bin/time ] || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
[ -x "$kobun" ] || { echo "bench: no $kobun (make all)" >&2; exit 2; }
[ -x "$floor" ] || { echo "bench: no $floor (make build/release/floor)" >&2; exit 2; }

began=$(date +%s)
work=$(mktemp -d "${TMPDIR:-/tmp}/kobun-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM HUP

# -j N only once kobun has it.
if "$kobun" build --help 2>&1 | grep -q -e '--jobs'; then
	has_jobs=1
	progs="k1 kn floor"
else
	has_jobs=0
	progs="k1 floor"
fi

label() {
	case $1 in
	k1) echo "kobun -j 1" ;;
	kn) echo "kobun -j $jobs" ;;
	floor) echo "floor" ;;
	esac
}

# run PROG IN OUT STEM ROUND: one timed run; appends "wall user sys rss_kib docs bytes round"
# to STEM.runs and keeps its standard error in STEM.err.ROUND.
run() {
	prog=$1 rin=$2 out=$3 stem=$4 round=$5
	rm -rf "$out"
	case $prog in
	k1)
		if [ "$has_jobs" = 1 ]; then set -- "$kobun" build -q -j 1 -o "$out" "$rin"
		else set -- "$kobun" build -q -o "$out" "$rin"; fi
		;;
	kn) set -- "$kobun" build -q -j "$jobs" -o "$out" "$rin" ;;
	floor) set -- "$floor" "$rin" "$out" ;;
	esac
	t0=$(date +%s.%N)
	if ! KOBUN_PROFILE=1 /usr/bin/time -f '%e %U %S %M' -o "$stem.time" "$@" \
	    >/dev/null 2>"$stem.err.$round"; then
		echo "bench: failed: $*" >&2
		cat "$stem.err.$round" "$stem.time" >&2
		exit 1
	fi
	t1=$(date +%s.%N)
	docs=$(find "$out" -name '*.pdf' -type f | wc -l)
	bytes=$(find "$out" -name '*.pdf' -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
	[ "$docs" -gt 0 ] || { echo "bench: $* wrote no PDF" >&2; exit 1; }
	# Wall time from date(1) (time's %e has only two decimals); time(1) prints a
	# warning line first if the command was signalled, so its last line is read.
	tail -n 1 "$stem.time" | awk -v t0="$t0" -v t1="$t1" -v d="$docs" -v b="$bytes" -v r="$round" \
	    '{ printf "%.3f %s %s %s %d %d %d\n", t1 - t0, $2, $3, $4, d, b, r }' >>"$stem.runs"
	echo "bench: round $round: $(label "$prog"): $(tail -n 1 "$stem.runs" | cut -d ' ' -f 1) s" >&2
	rm -rf "$out"
}

# median STEM: the run of median wall time (the lower middle one for an even count).
median() {
	sort -n -k 1,1 "$1.runs" | awk '{ l[NR] = $0 } END { print l[int((NR + 1) / 2)] }'
}

# ratio A B: A / B to two places, or n/a.
ratio() {
	if [ "$1" = n/a ]; then echo n/a; else awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; fi
}

for n in $ns; do
	in=$work/in-$n
	echo "bench: N = $n: generating and checking the input" >&2
	sh "$(dirname "$0")/gen.sh" "$in" "$n"
	"$kobun" check -q "$in" 2>"$work/check.err" || { cat "$work/check.err" >&2; exit 1; }
	r=$rounds
	note=""
	if [ "$n" -ge 10000 ] && [ "$rounds_large" -lt "$rounds" ]; then
		r=$rounds_large
		note=" (fewer rounds at this size: BENCH_ROUNDS_LARGE)"
	fi
	for p in $progs; do rm -f "$work/$p-$n.runs"; done
	i=1
	while [ "$i" -le "$r" ]; do
		for p in $progs; do
			run "$p" "$in" "$work/out" "$work/$p-$n" "$i"
		done
		i=$((i + 1))
	done

	echo
	echo "N = $n nominations, $r round(s) interleaved$note, median run of each; $(nproc) cores"
	echo "(kobun writes a notice and a 第8条第3項 report per nomination, the floor the notice only)"
	printf '%-14s %8s %8s %8s %10s %10s %10s\n' program docs docs/s wall_s "CPU_ms/doc" "RSS_MiB" "PDF_KiB"
	for p in k1 kn floor; do
		if [ ! -f "$work/$p-$n.runs" ]; then
			printf '%-14s %8s %8s %8s %10s %10s %10s\n' "$(label "$p")" n/a n/a n/a n/a n/a n/a
			continue
		fi
		median "$work/$p-$n" | awk -v name="$(label "$p")" '{
			wall = $1 > 0 ? $1 : 0.01
			printf "%-14s %8d %8.1f %8.2f %10.2f %10.1f %10.1f\n", name, $5, $5 / wall, $1,
			    ($2 + $3) * 1000 / $5, $4 / 1024, $6 / $5 / 1024
		}'
		median "$work/$p-$n" | awk '{ print $5 / ($1 > 0 ? $1 : 0.01) }' >"$work/$p-$n.rate"
	done
	k1=$(cat "$work/k1-$n.rate")
	fl=$(cat "$work/floor-$n.rate")
	kn=n/a
	[ -f "$work/kn-$n.rate" ] && kn=$(cat "$work/kn-$n.rate")
	echo "ratio kobun -j 1 / floor (docs/s):       $(ratio "$k1" "$fl")"
	echo "ratio kobun -j $jobs / floor (docs/s):       $(ratio "$kn" "$fl")"
	echo "ratio kobun -j $jobs / kobun -j 1 (docs/s):  $(ratio "$kn" "$k1")"
	if [ "$has_jobs" = 0 ]; then
		echo "(kobun build has no --jobs yet: -j $jobs not measured)"
	fi

	# Per-stage times of the median kobun -j 1 run, if kobun printed them.
	mr=$(median "$work/k1-$n" | awk '{ print $7 }')
	if grep -q '^kobun: profile: ' "$work/k1-$n.err.$mr" 2>/dev/null; then
		echo "kobun -j 1 stages (KOBUN_PROFILE=1, median run), seconds:"
		grep '^kobun: profile: ' "$work/k1-$n.err.$mr" | awk '{ printf "  %-10s %8.3f\n", $3, $4 }'
	fi
done

# kobun check alone: reading, judging and planning every record, nothing written.
# gen.sh grows the organization with N, so its size is part of what is measured.
echo
echo "kobun check alone (gen.sh input; the organization grows with N):"
printf '%-10s %8s %10s %10s\n' records wall_s "us/record" "RSS_MiB"
for n in ${BENCH_CHECK_N:-1000 100000}; do
	in=$work/check-$n
	sh "$(dirname "$0")/gen.sh" "$in" "$n"
	/usr/bin/time -f '%e %M' -o "$work/check.time" "$kobun" check -q "$in" 2>"$work/check.err" ||
	    { cat "$work/check.err" >&2; exit 1; }
	tail -n 1 "$work/check.time" | awk -v n="$n" \
	    '{ printf "%-10d %8.2f %10.1f %10.1f\n", n, $1, $1 * 1e6 / n, $2 / 1024 }'
	rm -rf "$in"
done
echo
echo "bench: $(($(date +%s) - began)) s in all"
