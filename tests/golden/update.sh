#!/bin/sh
# make golden: re-renders every case of tests/golden/cases.txt into
# tests/golden/NAME.png, every case of tests/golden/texts.txt into
# tests/golden/FILE (what kobun prints), the break positions of the regulation
# into tests/golden/regulation.lines, and shows what changed. Run from the
# project root.
set -eu
kobun=$1
grep -v '^#' tests/golden/cases.txt | while IFS='|' read -r name args file; do
	[ -n "$name" ] || continue
	dir=$(mktemp -d /tmp/kobun-golden-XXXXXX)
	# shellcheck disable=SC2086
	"$kobun" $(echo "$args" | sed "s|{dir}|$dir|g") >/dev/null
	cp "$dir/$file" "tests/golden/$name.png"
	rm -rf "$dir"
	echo "golden: tests/golden/$name.png"
done
grep -v '^#' tests/golden/texts.txt | while IFS='|' read -r file status args; do
	[ -n "$file" ] || continue
	# shellcheck disable=SC2086
	rc=0; "$kobun" $args > "tests/golden/$file" 2>&1 || rc=$?
	[ "$rc" = "$status" ] || echo "golden: kobun $args exited $rc, texts.txt says $status" >&2
	echo "golden: tests/golden/$file"
done
git --no-pager diff --stat -- tests/golden || true
git --no-pager diff -- 'tests/golden/*.tree' 'tests/golden/*.diag' 'tests/golden/*.dl' || true
# Break positions: the text of every line of the regulation (tests/data/typeset/regulation.xml),
# one line each, from the display list (runs on one page and baseline make a line).
"$kobun" render --dump=dl tests/data/typeset/regulation.xml |
	awk '/^page /{p=$2} /^  run /{y=$0; sub(/.* y=/, "", y); sub(/ .*/, "", y);
		t=$0; sub(/^[^"]*"/, "", t); sub(/"$/, "", t);
		k=p " " y; if (k != last && last != "") { print line; line="" } last=k; line=line t }
		END { if (last != "") print line }' > tests/golden/regulation.lines
echo "golden: tests/golden/regulation.lines"
git --no-pager diff --stat -- tests/golden/regulation.lines || true
