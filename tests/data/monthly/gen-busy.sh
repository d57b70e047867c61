#!/bin/sh
# gen-busy.sh - writes busy.xml next to this script: the busy month of
# tests/check_monthly.c, 令和8年10月 for input/organization.xml.
#
#   sh tests/data/monthly/gen-busy.sh
#
# Deterministic (no clock, no random numbers): the same script always
# writes the same bytes.  POSIX sh and awk only.
#
# What it writes (see the comment at the top of busy.xml):
#   * 50 incidents INC-M-0001 ... INC-M-0050, recognised 2026-10-01 ...
#     2026-10-31 (the n-th on day 1 + floor((n-1)*31/50)), every category,
#     every severity, statuses open / contained / resolved;
#   * for 12 of them a revision 2 (revision="2", status resolved, same
#     recognised date, a closing event in October); 2 more are resolved
#     in their first revision;
#   * the PPC duty (personal-records >= 101 or sensitive="true", not
#     encrypted) for 7 of them;
#   * a first report issued after the recognised day for 4 of them (their
#     first revision's last event is on a later day), so the CIO and
#     prefecture deadlines (due the recognised day) were met late;
#   * the PPC reports as a clerk records them (<sent to="ppc">): the 速報
#     of INC-M-0003 (and its 確報), -0019 and -0035 in time, of -0011
#     two days late; none for -0027 (期限超過 at month end), -0043 and
#     -0047 (still 期限内 at month end);
#   * audience="cio" detail for every third;
#   * 3 dx-promoter nominations (第8条第2項) in October by the 課長 of a
#     division of a member of its staff, with the posts of base-date
#     (nothing in the file changes a post).
set -eu

here=$(dirname "$0")
out="$here/busy.xml"
tmp="$out.tmp.$$"
trap 'rm -f "$tmp"' EXIT HUP INT TERM

LC_ALL=C awk '
function pad2(n) { return (n < 10 ? "0" : "") n }
function hm(m) { return pad2(int(m / 60)) ":" pad2(m % 60) }
function day(d) { return "2026-10-" pad2(d) }
function esc(s) { gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s); return s }

BEGIN {
	# Divisions: id | name | people who may recognise (staff, then 課長) |
	# its system (or sys-gw) | two documents it sends out.
	nd = split("" \
	  "shiminka|市民課|p046 p047 p048 p020|sys-juki|住民票の写し|転入手続の案内;" \
	  "zeimu|税務課|p044 p045 p064 p019|sys-zeimu|固定資産税納税通知書|市民税・県民税特別徴収税額通知書;" \
	  "hoken|保険年金課|p049 p065 p021|sys-kokuho|国民健康保険税納税通知書|高額療養費支給申請の案内;" \
	  "jinji|人事課|p042 p017|sys-jinkyu|給与支払明細書|職員健康診断結果;" \
	  "johoseisaku|情報政策課|p033 p035 p036 p013|sys-gw|庁内ネットワーク利用申請書|端末貸出簿;" \
	  "kenkozoshin|健康増進課|p051 p052 p025|sys-gw|がん検診結果通知書|予防接種予診票;" \
	  "kosodate|子育て支援課|p053 p054 p026|sys-gw|児童手当認定通知書|子ども医療費受給者証;" \
	  "koho|広報プロモーション課|p038 p039 p014|sys-gw|広報誌配送先名簿|市民モニター応募書;" \
	  "korei|高齢福祉課|p062 p024|sys-gw|介護保険料決定通知書|要介護認定調査票;" \
	  "chiiki|地域福祉課|p061 p023|sys-gw|民生委員訪問記録|生活相談受付票;" \
	  "hoiku|保育課|p055 p027|sys-gw|保育所入所承諾書|保育料決定通知書;" \
	  "shoko|商工観光課|p056 p028|sys-gw|補助金交付決定通知書|事業者アンケート回答票;" \
	  "bosai|防災課|p058 p030|sys-gw|避難行動要支援者名簿|防災メール登録者一覧;" \
	  "gakko|学校教育課|p059 p032|sys-gw|就学援助認定通知書|学校健康診断票;" \
	  "kyoikusomu|教育総務課|p063 p031|sys-gw|奨学金申請書|教職員研修名簿;" \
	  "kankyo|環境政策課|p050 p022|sys-gw|ごみ収集カレンダー送付先一覧|浄化槽補助申請書;" \
	  "norin|農林振興課|p057 p029|sys-gw|農地台帳の写し|鳥獣被害届出書;" \
	  "zaisei|財政課|p043 p018|sys-gw|契約業者一覧|入札参加資格審査申請書;" \
	  "somuka|総務課|p041 p016|sys-gw|情報公開請求書|文書発送簿;" \
	  "kikaku|企画調整課|p037 p012|sys-gw|市民意識調査回答票|審議会委員名簿;" \
	  "digital|デジタル戦略担当|p040 p015|sys-gw|オンライン申請受付データ|電子申請利用者一覧", rows, ";")
	for (k = 1; k <= nd; k++) {
		split(rows[k], f, "|")
		did[k] = f[1]; dname[k] = f[2]; dpeople[k] = f[3]; dsys[k] = f[4]
		ddoc1[k] = f[5]; ddoc2[k] = f[6]
	}

	# 50 categories in a fixed, mixed order: misdelivery 12, loss-theft 8,
	# misconfiguration 7, malware 6, information-leak 5, service-outage 5,
	# unauthorized-access 4, other 3.
	split("misdelivery loss-theft misconfiguration malware misdelivery information-leak " \
	      "service-outage misdelivery loss-theft unauthorized-access misconfiguration other " \
	      "misdelivery malware loss-theft misdelivery information-leak service-outage " \
	      "misconfiguration misdelivery loss-theft malware unauthorized-access misdelivery " \
	      "other misconfiguration loss-theft information-leak misdelivery service-outage " \
	      "malware misdelivery loss-theft misconfiguration unauthorized-access misdelivery " \
	      "information-leak service-outage loss-theft malware misconfiguration misdelivery " \
	      "other loss-theft misconfiguration information-leak misdelivery unauthorized-access " \
	      "malware service-outage", cat, " ")

	# The cio-only detail of every third incident (one of four texts).
	detail[0] = "担当職員は会計年度任用職員1名で、手順書の改訂内容を知らされていなかった。課長による個別指導を実施済み。"
	detail[1] = "同一職員による同種事案は本年度2件目である。人事課と協議のうえ、配置の見直しを検討している。"
	detail[2] = "委託事業者の作業員による操作が原因であり、契約に基づく報告書の提出を求めている。損害賠償の要否は法務担当と協議中。"
	detail[3] = "本件の発生について議会への報告の要否を総務課と協議中。報道機関からの問合せは現時点でない。"

	# The PPC duty: these numbers; how it arises is below.
	split("3 11 19 27 35 43 47", t, " "); for (k in t) ppc[t[k]] = 1
	# The PPC 速報 (and 確報) submitted: days after K; none for the others.
	split("3:2:28 11:7 19:3 35:4", t, " ")
	for (k in t) { split(t[k], f, ":"); quick[f[1]] = f[2]; if (f[3] != "") final[f[1]] = f[3] }
	# First report issued on a later day (deadlines met late).
	split("6 18 30 42", t, " "); for (k in t) late[t[k]] = 1

	print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	print "<!--"
	print "  busy.xml - the busy month of tests/check_monthly.c: 令和8年10月, with"
	print "  input/organization.xml (posts of base-date 2026-04-01 throughout)."
	print "  WRITTEN BY gen-busy.sh: edit the script, not this file."
	print "  Run it on its own with the sample organization (kobun check and"
	print "  kobun monthly 2026-10, the organization file input/organization.xml)."
	print "  Expected: exit status 0.  50 incidents INC-M-0001 ... INC-M-0050, all"
	print "  recognised in October 2026 (summary new=50, continuing=0), every"
	print "  category and severity; 12 resolved in October by a revision 2"
	print "  (revision=\"2\", same recognised date) and 2 in their first revision"
	print "  (summary closed=14, open-at-end=36); 7 with the PPC duty; 4 whose first"
	print "  reports went out a day late (INC-M-0006, -0018, -0030, -0042: CIO and"
	print "  prefecture deadlines 済（期限後）); PPC reports as <sent>: the 速報 of"
	print "  INC-M-0003 (and its 確報), -0019 and -0035 in time, of -0011 late"
	print "  (済（期限後）); none for -0027, whose 速報 (late after recognition + 5"
	print "  days) is the one deadline 期限超過 at month end, nor for -0043 and"
	print "  -0047 (期限内, -0043 until 11-01).  Nominations NOM-M-0001 ... 0003:"
	print "  dx-promoter, each by the 課長 of the nominee'"'"'s division."
	print "  People and events are fictional."
	print "-->"
	print "<records version=\"1\">"
	print ""
	print "  <!-- 第8条第2項: 情報政策課長 p013 names p036 (情報政策課 主任). -->"
	print "  <nomination id=\"NOM-M-0001\" date=\"2026-10-07\" kind=\"dx-promoter\" nominator=\"p013\" nominee=\"p036\">"
	print "    <reason>庁内ネットワーク更新に伴う各課との調整を担当させるため</reason>"
	print "  </nomination>"
	print "  <!-- 第8条第2項: 市民課長 p020 (until 10-31) names p048 (市民課 主任). -->"
	print "  <nomination id=\"NOM-M-0002\" date=\"2026-10-15\" kind=\"dx-promoter\" nominator=\"p020\" nominee=\"p048\"/>"
	print "  <!-- 第8条第2項: 税務課長 p019 names p044 (税務課 係長). -->"
	print "  <nomination id=\"NOM-M-0003\" date=\"2026-10-22\" kind=\"dx-promoter\" nominator=\"p019\" nominee=\"p044\">"
	print "    <reason>税務総合システムの標準準拠システムへの移行に向けた業務の見直しを推進するため</reason>"
	print "  </nomination>"

	for (n = 1; n <= 50; n++) {
		c = cat[n]
		d = 1 + int((n - 1) * 31 / 50)
		k = (n * 5) % nd + 1
		np = split(dpeople[k], ppl, " ")
		by = ppl[(n % np) + 1]
		sev = (n * 7) % 10
		sev = sev <= 3 ? 1 : sev <= 6 ? 2 : sev <= 8 ? 3 : 4
		if (ppc[n] && sev < 3) sev = 3
		rec = 540 + (n * 37) % 450            # 9:00 .. 16:29
		occ = rec - 20 - (n * 13) % 120
		doc = (n % 2) ? ddoc1[k] : ddoc2[k]
		recs = 0; sens = 0; enc = ""; ext = "true"; down = 0; my = 0

		if (c == "misdelivery") {
			title = doc "の誤送付について"
			if (n % 3 == 0) title = doc "に関する電子メールの誤送信について"
			summary = doc "を別の宛先に送付していたことが、受取人からの連絡により判明した。"
			cause = "宛名と封入物の照合を一人で行っており、確認が不十分であったため。"
			resp = "受取人に連絡して回収を依頼し、本人に経緯を説明して謝罪した。"
			prev = "封入時及び送信時の複数人による確認を徹底する。"
			recs = 1 + n % 4
		} else if (c == "loss-theft") {
			title = doc "を含む書類の紛失について"
			if (n % 3 == 1) title = "業務用ノートパソコンの盗難について"
			if (n % 3 == 2) title = doc "を保存したUSBメモリの紛失について"
			summary = "庁外での業務の後、" doc "を含む記録の所在が分からなくなった。"
			cause = "持ち出し簿への記載と帰庁時の確認が行われていなかったため。"
			resp = "立ち寄り先及び移動経路を捜索し、所轄警察署へ遺失届を提出した。"
			prev = "個人情報を含む記録の持ち出しを原則禁止とし、例外は課長の承認を要することとする。"
			recs = 10 + (n * 7) % 60
			if (n % 3 == 1) { enc = "true"; recs = 300 + n }
		} else if (c == "misconfiguration") {
			title = "ウェブページの公開範囲の設定誤りについて"
			if (n % 2 == 0) title = "共有フォルダのアクセス権の設定誤りについて"
			summary = "職員以外も閲覧できる状態で" doc "の一覧が保存されていたことが判明した。"
			cause = "設定変更の手順書に確認項目がなく、変更後の確認が行われなかったため。"
			resp = "直ちに設定を修正し、アクセス記録により外部からの閲覧の有無を調査した。"
			prev = "設定変更時の二重確認と定期的な設定の点検を行う。"
			recs = (n * 3) % 40
			ext = (n % 2) ? "true" : "false"
		} else if (c == "malware") {
			title = "業務用端末におけるマルウェア検知について"
			if (n % 2 == 0) title = "不審なメールの添付ファイル開封によるマルウェア感染について"
			summary = "業務用端末でマルウェアが検知され、エンドポイント対策ソフトウェアにより隔離された。"
			cause = "取引先を装った電子メールの添付ファイルを開封したため。"
			resp = "当該端末をネットワークから切り離し、初期化した。"
			prev = "標的型メールへの注意喚起と訓練を全職員に実施する。"
			ext = "false"
		} else if (c == "information-leak") {
			title = "ホームページへの個人情報の誤掲載について"
			if (n % 2 == 0) title = doc "の記載内容の誤表示について"
			summary = "公開資料に個人を識別できる情報が含まれていたことが判明した。"
			cause = "公開前の確認で個人情報の有無を点検していなかったため。"
			resp = "該当資料の公開を停止し、関係者に連絡して謝罪した。"
			prev = "公開前の点検項目に個人情報の有無を加える。"
			recs = 3 + (n * 11) % 50
		} else if (c == "service-outage") {
			title = "庁内ネットワーク・グループウェアの一時停止について"
			if (dsys[k] != "sys-gw") title = "業務システムの一時停止について"
			summary = "システムが一時的に利用できなくなり、窓口業務の一部に支障が生じた。"
			cause = "保守作業における設定変更の誤りによるもの。"
			resp = "設定を復旧し、停止中に受け付けた手続を順次処理した。"
			prev = "保守作業の事前承認と作業後の疎通確認を徹底する。"
			down = 30 + (n * 17) % 300
		} else if (c == "unauthorized-access") {
			title = "公開ウェブサーバへの不正ログインの試行について"
			if (n % 2 == 0) title = "職員アカウントへの不正アクセスについて"
			summary = "外部から管理画面への多数のログイン試行が検知された。"
			cause = "管理画面が外部から接続できる状態であったため。"
			resp = "接続元を遮断し、パスワードを変更した。"
			prev = "管理画面への接続を庁内に限定し、多要素認証を導入する。"
			ext = "false"
		} else {
			title = "庁舎内における書類の一時所在不明について"
			if (n % 2 == 0) title = "委託事業者における情報管理の不備について"
			summary = doc "の所在が一時的に確認できなくなったが、庁舎内で発見された。"
			cause = "保管場所の取り決めが課内で共有されていなかったため。"
			resp = "所在を確認し、保管方法を見直した。"
			prev = "保管場所と管理者を定め、課内に周知する。"
			ext = "false"
		}
		if (ppc[n]) {
			if (n % 2) { sens = 1; recs = recs < 5 ? 5 + n : recs }
			else recs = 101 + n * 19
			if (n == 35) my = 1
			enc = ""
			ext = "true"
		}

		# revision 2, resolved in October: every fourth from the first,
		# when its closing event still falls in October
		rev2 = (n % 4 == 1 && d + 2 <= 31)
		st = rev2 ? ((n % 8 == 1) ? "contained" : "open") \
		          : (n % 4 == 3 && sev == 1) ? "resolved" : (n % 3 == 0) ? "contained" : "open"
		last = late[n] ? d + 1 : d

		id = sprintf("INC-M-%04d", n)
		print ""
		print "  <!-- " id ": " c ", severity " sev ", " did[k] " (recognised by " by ")" \
		      (ppc[n] ? "; PPC duty" : "") (late[n] ? "; first reports a day late" : "") \
		      (rev2 ? "; resolved by revision 2" : "") " -->"
		for (r = 1; r <= 1 + rev2; r++) {
			status = r == 2 ? "resolved" : st
			printf "  <incident id=\"%s\"%s severity=\"%d\" category=\"%s\" status=\"%s\">\n", \
			       id, (r == 2 ? " revision=\"2\"" : ""), sev, c, status
			print "    <title>" esc(title) "</title>"
			print "    <occurred at=\"" day(d) "T" hm(occ) "\"/>"
			print "    <recognized at=\"" day(d) "T" hm(rec) "\" by=\"" by "\"/>"
			print "    <division ref=\"" did[k] "\"/>"
			if (c != "other" && c != "loss-theft")
				print "    <systems><system ref=\"" dsys[k] "\"/></systems>"
			imp = ""
			if (recs > 0) imp = imp " personal-records=\"" recs "\""
			if (sens) imp = imp " sensitive=\"true\""
			if (my) imp = imp " my-number=\"true\""
			if (enc != "") imp = imp " encrypted=\"" enc "\""
			if (down > 0) imp = imp " service-down-minutes=\"" down "\""
			imp = imp " external=\"" ext "\""
			print "    <impact" imp "/>"
			print "    <summary>" esc(summary) "</summary>"
			print "    <cause>" esc(cause) "</cause>"
			print "    <timeline>"
			print "      <event at=\"" day(d) "T" hm(rec) "\">" dname[k] "において認知</event>"
			print "      <event at=\"" day(d) "T" hm(rec + 25) "\">情報政策課（CSIRT）へ報告</event>"
			if (last > d)
				print "      <event at=\"" day(last) "T10:00\" audience=\"authorities\">関係者への聞き取りにより事実関係を確認</event>"
			if (r == 2)
				print "      <event at=\"" day(d + 2) "T15:00\">対応を完了</event>"
			print "    </timeline>"
			print "    <response>" esc(resp) (r == 2 ? "再発防止策を課内に周知し、対応を終えた。" : "") "</response>"
			print "    <prevention>" esc(prev) "</prevention>"
			if (n % 3 == 0)
				print "    <detail audience=\"cio\">" detail[(n / 3) % 4] "</detail>"
			if (n % 10 == 4)
				print "    <disclosure decision=\"withhold\" reason=\"被害の拡大がなく外部への影響も認められないため\"/>"
			else
				print "    <disclosure decision=\"auto\"/>"
			if (quick[n] != "")
				printf "    <sent to=\"ppc\" report=\"preliminary\" on=\"%s\" ref=\"PPC-R8-10%02d-%04d\"/>\n", \
				       day(d + quick[n]), d + quick[n], n
			if (final[n] != "")
				printf "    <sent to=\"ppc\" report=\"final\" on=\"%s\" ref=\"PPC-R8-10%02d-%04d\"/>\n", \
				       day(d + final[n]), d + final[n], n + 100
			print "  </incident>"
		}
	}
	print ""
	print "</records>"
}' > "$tmp"
mv "$tmp" "$out"
trap - EXIT HUP INT TERM
