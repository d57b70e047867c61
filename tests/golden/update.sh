#!/bin/sh
# make golden: re-renders every case of tests/golden/cases.txt into
# tests/golden/NAME.png and every case of tests/golden/trees.txt into
# tests/golden/NAME.tree, and shows what changed. Run from the project root.
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
grep -v '^#' tests/golden/trees.txt | while IFS='|' read -r name args; do
	[ -n "$name" ] || continue
	# shellcheck disable=SC2086
	"$kobun" $args > "tests/golden/$name.tree"
	echo "golden: tests/golden/$name.tree"
done
git --no-pager diff --stat -- tests/golden || true
git --no-pager diff -- 'tests/golden/*.tree' || true
