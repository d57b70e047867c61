#!/bin/sh
# Writes a synthetic municipality and N DX推進員 nominations into DIR:
#   tests/bench/gen.sh DIR N [STAFF]
# 50 divisions per 1,000 nominations (at least 50), so that a division has
# at most 20 DX推進員 and its 第8条第3項 report stays the same size
# whatever N is; each with a 課長 and STAFF staff (by default just enough
# for N nominations; give more for a big organization with few records, fewer
# for a small one whose staff are nominated again and again);
# dates spread over a fiscal year.
set -eu
dir=$1
n=$2
mkdir -p "$dir"
nd=$(( n > 1000 ? 50 * ((n + 999) / 1000) : 50 ))
staff_per=${3:-$(( (n + nd - 1) / nd ))}
[ "$staff_per" -ge 1 ] || { echo "gen.sh: STAFF must be at least 1" >&2; exit 2; }
awk -v n="$n" -v nd="$nd" -v per="$staff_per" -v dir="$dir" 'BEGIN {
	org = dir "/organization.xml"; rec = dir "/records.xml"
	print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" > org
	print "<organization version=\"1\" name=\"試験市\" prefecture=\"試験県\" base-date=\"2026-04-01\">" > org
	print "  <regulation title=\"試験市情報化推進規程\"/>" > org
	fam[0] = "青木"; fam[1] = "石田"; fam[2] = "上野"; fam[3] = "遠藤"; fam[4] = "小川"
	giv[0] = "一郎"; giv[1] = "花子"; giv[2] = "健"; giv[3] = "由美"; giv[4] = "翔太"
	for (d = 0; d < 5; d++) {
		printf "  <department id=\"d%d\" name=\"第%d部\" kind=\"部\"%s>\n", d, d + 1, \
		    d == 0 ? " function=\"policy-planning\"" : "" > org
		for (k = 0; k < nd / 5; k++) {
			v = d * (nd / 5) + k
			printf "    <division id=\"v%d\" name=\"第%d課\"%s phone=\"000-000-%04d\" mail=\"v%d@example.lg.jp\"/>\n", \
			    v, v + 1, v == 0 ? " function=\"information-policy\"" : "", v, v > org
		}
		print "  </department>" > org
	}
	print "  <person id=\"cio\" family=\"試験\" given=\"副市長\"/>" > org
	print "  <post person=\"cio\" rank=\"vice-mayor\" title=\"副市長\" charge=\"d0\"/>" > org
	for (v = 0; v < nd; v++) {
		printf "  <person id=\"h%d\" family=\"%s\" given=\"%s\"/>\n", v, fam[v % 5], giv[int(v / 5) % 5] > org
		printf "  <post person=\"h%d\" rank=\"division-head\" title=\"課長\" unit=\"v%d\"/>\n", v, v > org
		for (s = 0; s < per; s++) {
			printf "  <person id=\"s%d-%d\" family=\"%s\" given=\"%s\"/>\n", v, s, fam[(v + s) % 5], giv[s % 5] > org
			printf "  <post person=\"s%d-%d\" rank=\"staff\" title=\"主事\" unit=\"v%d\"/>\n", v, s, v > org
		}
	}
	# one 文書記号 for the whole city, given per department
	for (d = 0; d < 5; d++)
		printf "  <document-code department=\"d%d\" prefix=\"試\"/>\n", d > org
	print "</organization>" > org
	print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" > rec
	print "<records version=\"1\">" > rec
	split("30 31 30 31 31 30 31 30 31 31 28 31", mdays, " ")
	for (i = 0; i < n; i++) {
		v = i % nd; s = int(i / nd) % per
		day = int(i * 365 / n)
		m = 4; y = 2026
		while (day >= mdays[m - 3 > 0 ? m - 3 : m + 9]) {
			day -= mdays[m - 3 > 0 ? m - 3 : m + 9]; m++
			if (m == 13) { m = 1; y = 2027 }
		}
		printf "  <nomination id=\"B-%05d\" date=\"%04d-%02d-%02d\" kind=\"dx-promoter\" nominator=\"h%d\" nominee=\"s%d-%d\"/>\n", \
		    i, y, m, day + 1, v, v, s > rec
	}
	print "</records>" > rec
}'
