#!/bin/sh
# render-corpus.sh KOBUN OUTDIR — renders the sample month, the test data and
# the typeset corpus with a fixed SOURCE_DATE_EPOCH, then lists the SHA-256 of
# every PDF and every dump in OUTDIR/SUMS. Two trees built from different
# commits can be compared with: diff A/SUMS B/SUMS (refactors must keep it empty).
set -u
kobun=$1 out=$2
top=$(cd "$(dirname "$0")/.." && pwd)
export SOURCE_DATE_EPOCH=1795000000
rm -rf "$out"; mkdir -p "$out"
run() { "$kobun" "$@" >/dev/null 2>&1; }
run build -q -o "$out/sample" "$top/input"
run build -q -o "$out/confidential" --org "$top/input/organization.xml" "$top/tests/data/confidential"
run build -q -o "$out/good" --org "$top/input/organization.xml" "$top/tests/data/good"
for m in busy overdue; do
	run build -q -o "$out/$m" --org "$top/input/organization.xml" "$top/tests/data/monthly/$m.xml"
done
run monthly 2026-11 -o "$out/sample" "$top/input"
run monthly 2026-10 -o "$out/busy" --org "$top/input/organization.xml" "$top/tests/data/monthly/busy.xml"
for f in "$top"/tests/data/typeset/*.xml; do
	run render -o "$out/typeset-$(basename "$f" .xml).pdf" "$f"
done
for f in "$top"/tests/data/rules/*.pass.xml; do
	run build -q -o "$out/rules/$(basename "$f" .xml)" --org "$top/input/organization.xml" "$f"
done
"$kobun" build --dump=dl -o "$out/dump" "$top/input" > "$out/sample.dl" 2>/dev/null
(cd "$out" && find . -name '*.pdf' -o -name '*.dl' | LC_ALL=C sort | xargs sha256sum) > "$out/SUMS.tmp"
mv "$out/SUMS.tmp" "$out/SUMS"
wc -l < "$out/SUMS"
