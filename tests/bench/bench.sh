#!/bin/sh
# make bench: renders N generated DX推進員 nominations and reports
# documents per second, peak memory and the average PDF size.
#   tests/bench/bench.sh KOBUN N
set -eu
kobun=$1
n=${2:-1000}
work=$(mktemp -d /tmp/kobun-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
sh "$(dirname "$0")/gen.sh" "$work/in" "$n"
"$kobun" check -q "$work/in" 2>"$work/check.err" || { cat "$work/check.err"; exit 1; }

best=""
for run in 1 2 3; do
	rm -rf "$work/out"
	start=$(date +%s.%N)
	/usr/bin/time -f '%M' -o "$work/rss" "$kobun" build -q -o "$work/out" "$work/in" >/dev/null 2>"$work/err"
	end=$(date +%s.%N)
	secs=$(echo "$start $end" | awk '{ printf "%.3f", $2 - $1 }')
	echo "run $run: $secs s"
	if [ -z "$best" ]; then
		best=$secs
	else
		best=$(awk -v a="$best" -v b="$secs" 'BEGIN { print (b < a) ? b : a }')
	fi
done
docs=$(find "$work/out" -name '*.pdf' | wc -l)
bytes=$(find "$work/out" -name '*.pdf' -printf '%s\n' | awk '{ s += $1 } END { print s }')
rss=$(cat "$work/rss")
echo "$docs documents in $best s (best of 3): $(echo "$docs $best" | awk '{ printf "%.0f", $1 / $2 }') documents/s"
echo "peak memory: $(echo "$rss" | awk '{ printf "%.1f", $1 / 1024 }') MiB"
echo "average PDF: $(echo "$bytes $docs" | awk '{ printf "%.1f", $1 / $2 / 1024 }') KiB"
