<?xml version="1.0" encoding="UTF-8"?>
<!-- monthly-report.xsl — 月次報告（CIO宛）, D8 of research/japanese-documents.md:
     once a month the 情報政策課 (doc-handling: 庶務 of the committee, the
     subcommittees, the working groups and the CSIRT) reports to the CIO
     how the month's information-security incidents were handled
     (incident-report), with charts, the report deadlines, the nominations and
     appointments of the month and the 体制表 at month end.

     Input: the context of `kobun monthly YYYY-MM` (kind monthly-report,
     audience cio: the cio-only detail may be printed, and is, in the last
     section only). Output: kobun's document vocabulary (docs/vocabulary.md).
     Every level-1 heading is a bookmark of the PDF.

     Sections: 1 概況 (counts, category × severity, documents issued),
     2 グラフ, 3 個別案件一覧, 4 期限の状況, 5 指名・任命, 6 体制表,
     7 詳細（CIO限り）; each prints 該当なし when it has nothing, so an
     empty month is a short, correct report. An incident with a deadline
     overdue (incident/@overdue) is set in ゴシック and marked ▲.

     The three charts are drawn here from the context's numbers as two
     figures (図1 and 図2 side by side, 図3 below): boxes, rules and real
     text, in mm from each figure's top left. Bars are filled with grays
     that differ enough to read in black-and-white print; an all-zero
     chart keeps its axes and says 該当なし.

     Everything printed comes from the context document; nothing about a
     particular municipality is written here. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:kb="urn:kobun:xslt"
    exclude-result-prefixes="kb">
  <xsl:import href="incident-common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <!-- Reports of one incident issued together: same revision, same day. -->
  <xsl:key name="report-batch" match="incident/reports/report"
           use="concat(generate-id(../..), '|', @revision, '|', @issued)"/>
  <!-- Deadlines by kind: the columns of the deadline table and its notes. -->
  <xsl:key name="deadline-kind" match="incidents/incident/deadline" use="@kind"/>
  <!-- Roles of the roster by group. -->
  <xsl:key name="roster-group" match="roster/role" use="string(@group)"/>

  <!-- Table sizes: the body is 10.5 pt; the long tables are set smaller. -->
  <xsl:variable name="small" select="'8.5'"/>
  <!-- An incident id (INC-2026-0034, printed as it stands) on one line
       at that size. -->
  <xsl:variable name="id-width" select="'26mm'"/>
  <!-- A short date (11月25日) on one line at that size. -->
  <xsl:variable name="day-width">
    <xsl:choose>
      <xsl:when test="/context/organization/@digits = 'full'">23mm</xsl:when>
      <xsl:otherwise>17mm</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="/context">
    <xsl:variable name="title"
        select="concat(@month-label, '分　情報セキュリティインシデント対応状況等について（報告）')"/>
    <document>
      <xsl:call-template name="document-attributes">
        <xsl:with-param name="title" select="$title"/>
      </xsl:call-template>
      <page size="A4" orientation="portrait" line-spacing="1.5">
        <xsl:call-template name="page-house"/>
      </page>
      <footer align="center"><page-number/> / <page-count/></footer>
      <mark>取扱注意</mark>
      <!-- a draft (kobun monthly with its draft option), before the month has ended; it has no number. -->
      <xsl:if test="@draft = 'true'">
        <watermark>案</watermark>
      </xsl:if>
      <xsl:call-template name="letterhead"/>
      <!-- Two lines: the month, then the subject (the long title would
           otherwise break inside （報告）). -->
      <title>
        <xsl:call-template name="correction"/>
        <xsl:call-template name="digits">
          <xsl:with-param name="s" select="concat(@month-label, '分')"/>
        </xsl:call-template>
        <br/>
        <xsl:text>情報セキュリティインシデント対応状況等について（報告）</xsl:text>
      </title>
      <p align="justify" indent="1">
        <xsl:value-of select="organization/regulation/@title"/>
        <nobr><xsl:call-template name="digits"><xsl:with-param name="s" select="string($articles[@key = 'incident-report']/@cite)"/></xsl:call-template></nobr>
        <xsl:text>の規定によるCSIRTの情報セキュリティインシデントへの対応の状況並びに同規程</xsl:text>
        <nobr><xsl:call-template name="digits"><xsl:with-param name="s" select="string($articles[@key = 'doc-handling']/@cite)"/></xsl:call-template></nobr>
        <xsl:text>の規定により当課が処理する推進体制に関する事務の状況について、</xsl:text>
        <nobr>
          <xsl:call-template name="digits">
            <xsl:with-param name="s" select="concat(@month-label, '分')"/>
          </xsl:call-template>
        </nobr>
        <xsl:text>を下記のとおり報告します。</xsl:text>
      </p>
      <ki/>
      <xsl:call-template name="section-overview"/>
      <xsl:call-template name="section-charts"/>
      <xsl:call-template name="section-incidents"/>
      <xsl:call-template name="section-deadlines"/>
      <xsl:call-template name="section-nominations"/>
      <xsl:call-template name="section-roster"/>
      <xsl:call-template name="section-detail"/>
      <ijo/>
      <xsl:apply-templates select="contact"/>
    </document>
  </xsl:template>

  <!-- ============================================================== -->
  <!-- Small helpers                                                   -->
  <!-- ============================================================== -->

  <!-- common.xsl's date (令和8年11月25日, as the organization writes
       digits), guarded: without kobun's extension functions (plain
       xsltproc on a context written by hand) the ISO date is printed, so
       that the template can be tried outside kobun. This overrides the
       imported template of the same name, the letterhead's too. -->
  <xsl:template name="date">
    <xsl:param name="iso"/>
    <xsl:choose>
      <xsl:when test="not(function-available('kb:wareki'))">
        <xsl:value-of select="$iso"/>
      </xsl:when>
      <xsl:when test="/context/organization/@digits = 'full'">
        <xsl:value-of select="kb:wareki($iso, 'full')"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="kb:wareki($iso)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A date; short='true' leaves out the era and year when the date
       falls in the calendar year of the issue date (11月25日). -->
  <xsl:template name="day">
    <xsl:param name="iso"/>
    <xsl:param name="short" select="'false'"/>
    <xsl:variable name="d" select="substring($iso, 1, 10)"/>
    <xsl:variable name="full">
      <xsl:call-template name="date">
        <xsl:with-param name="iso" select="$d"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$short = 'true' and substring($d, 1, 4) = substring(/context/@issue-date, 1, 4)
                      and contains($full, '年')">
        <xsl:value-of select="substring-after($full, '年')"/>
      </xsl:when>
      <xsl:when test="$short = 'true' and substring($d, 1, 4) = substring(/context/@issue-date, 1, 4)">
        <xsl:value-of select="substring($d, 6)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$full"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A count as the organization writes digits: 1,500 -->
  <xsl:template name="n">
    <xsl:param name="n"/>
    <xsl:call-template name="count">
      <xsl:with-param name="n" select="number($n)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A count in a table cell: the number, or － for none. -->
  <xsl:template name="cell-count">
    <xsl:param name="n"/>
    <xsl:choose>
      <xsl:when test="number($n) &gt; 0">
        <xsl:call-template name="n"><xsl:with-param name="n" select="$n"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>－</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- 該当なし as a paragraph under a heading. -->
  <xsl:template name="none">
    <p indent="1">該当なし</p>
  </xsl:template>

  <!-- A mm value for the figure vocabulary: a plain decimal, never
       negative, at most two places. -->
  <xsl:template name="mm">
    <xsl:param name="v"/>
    <xsl:choose>
      <xsl:when test="not(number($v) &gt; 0)">0</xsl:when>
      <xsl:otherwise><xsl:value-of select="format-number($v, '0.##')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The largest of some numbers (0 for none). -->
  <xsl:template name="max-of">
    <xsl:param name="nodes"/>
    <xsl:choose>
      <xsl:when test="not($nodes)">0</xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="$nodes">
          <xsl:sort select="number(.)" data-type="number" order="descending"/>
          <xsl:if test="position() = 1"><xsl:value-of select="number(.)"/></xsl:if>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A round step for an axis that must reach m in at most 5 steps:
       1, 2, 5, 10, 20, 50 … -->
  <xsl:template name="axis-step">
    <xsl:param name="m"/>
    <xsl:param name="s" select="1"/>
    <xsl:choose>
      <xsl:when test="ceiling($m div $s) &lt;= 5"><xsl:value-of select="$s"/></xsl:when>
      <xsl:when test="$s * 2 &gt;= 1000000"><xsl:value-of select="$s * 2"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="lead" select="substring(string($s), 1, 1)"/>
        <xsl:call-template name="axis-step">
          <xsl:with-param name="m" select="$m"/>
          <xsl:with-param name="s" select="$s * (2 + 0.5 * number($lead = '2'))"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The gray of a severity level, light (軽微) to dark (重大). -->
  <xsl:template name="severity-gray">
    <xsl:param name="level"/>
    <xsl:choose>
      <xsl:when test="$level = 1">0.92</xsl:when>
      <xsl:when test="$level = 2">0.7</xsl:when>
      <xsl:when test="$level = 3">0.45</xsl:when>
      <xsl:otherwise>0.15</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A severity as printed: its label from the summary (軽微 … 重大). -->
  <xsl:template name="severity-label">
    <xsl:param name="level"/>
    <xsl:value-of select="/context/summary/severity[@level = $level]/@label"/>
  </xsl:template>

  <!-- The short name of a deadline for narrow cells: CIO, 府, PPC速報. -->
  <xsl:template name="deadline-short">
    <xsl:choose>
      <xsl:when test="@kind = 'ppc-quick'">PPC速報</xsl:when>
      <xsl:when test="@kind = 'ppc-final'">PPC確報</xsl:when>
      <xsl:when test="contains(@what, 'への')">
        <xsl:value-of select="substring-before(@what, 'への')"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="@what"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================== -->
  <!-- 1 概況                                                          -->
  <!-- ============================================================== -->

  <xsl:template name="section-overview">
    <xsl:variable name="s" select="summary"/>
    <xsl:variable name="overdue" select="count(incidents/incident[@overdue = 'true'])"/>
    <heading level="1">1　概況</heading>
    <heading level="2">(1)　対応件数</heading>
    <table borders="all" font-size="9">
      <col width="1*" align="center"/>
      <col width="1*" align="center"/>
      <col width="1*" align="center"/>
      <col width="1*" align="center"/>
      <col width="1*" align="center"/>
      <thead>
        <tr>
          <th>新規（当月認知）</th><th>前月から継続</th><th>計</th>
          <th>うち当月中に終結</th><th>月末時点で対応中</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <td><xsl:call-template name="n"><xsl:with-param name="n" select="$s/@new"/></xsl:call-template>件</td>
          <td><xsl:call-template name="n"><xsl:with-param name="n" select="$s/@continuing"/></xsl:call-template>件</td>
          <td><em><xsl:call-template name="n"><xsl:with-param name="n" select="$s/@total"/></xsl:call-template>件</em></td>
          <td><xsl:call-template name="n"><xsl:with-param name="n" select="$s/@closed"/></xsl:call-template>件</td>
          <td><xsl:call-template name="n"><xsl:with-param name="n" select="$s/@open-at-end"/></xsl:call-template>件</td>
        </tr>
      </tbody>
    </table>
    <!-- Two lines when there were incidents (the page-break estimate of
         section-charts counts on it), one otherwise. -->
    <xsl:choose>
      <xsl:when test="number($s/@total) &gt; 0">
        <p left-indent="1" hanging="1" space-before="0.25">
          <xsl:text>・個人情報保護委員会への報告（個人情報保護法</xsl:text>
          <nobr><xsl:call-template name="digits"><xsl:with-param name="s" select="'第68条第1項'"/></xsl:call-template></nobr>
          <xsl:text>）を要するもの　</xsl:text>
          <nobr><xsl:call-template name="n"><xsl:with-param name="n" select="$s/@ppc"/></xsl:call-template>件</nobr>
          <br/>
          <xsl:text>・報告期限を超過して未了のもの　</xsl:text>
          <xsl:choose>
            <xsl:when test="$overdue &gt; 0">
              <em><nobr><xsl:call-template name="n"><xsl:with-param name="n" select="$overdue"/></xsl:call-template>件</nobr></em>
              <xsl:text>（3及び4に▲を付して示す。）</xsl:text>
            </xsl:when>
            <xsl:otherwise>
              <nobr><xsl:call-template name="n"><xsl:with-param name="n" select="0"/></xsl:call-template>件</nobr>
            </xsl:otherwise>
          </xsl:choose>
        </p>
      </xsl:when>
      <xsl:otherwise>
        <p indent="1" space-before="0.25">当月中に対応した情報セキュリティインシデントはない。</p>
      </xsl:otherwise>
    </xsl:choose>

    <heading level="2">(2)　種別・重要度別件数</heading>
    <xsl:choose>
      <xsl:when test="$s/category[number(@total) &gt; 0]">
        <table borders="all" font-size="9">
          <col width="2.2*"/>
          <xsl:for-each select="$s/severity">
            <col width="1*" align="center"/>
          </xsl:for-each>
          <col width="1*" align="center"/>
          <thead>
            <tr>
              <th>種別</th>
              <xsl:for-each select="$s/severity">
                <th><xsl:value-of select="@label"/></th>
              </xsl:for-each>
              <th>計</th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="$s/category[number(@total) &gt; 0]">
              <tr>
                <td><xsl:value-of select="@label"/></td>
                <xsl:for-each select="severity">
                  <td><xsl:call-template name="cell-count"><xsl:with-param name="n" select="@count"/></xsl:call-template></td>
                </xsl:for-each>
                <td><xsl:call-template name="cell-count"><xsl:with-param name="n" select="@total"/></xsl:call-template></td>
              </tr>
            </xsl:for-each>
            <tr>
              <th>計</th>
              <xsl:for-each select="$s/severity">
                <th><xsl:call-template name="cell-count"><xsl:with-param name="n" select="@count"/></xsl:call-template></th>
              </xsl:for-each>
              <th><xsl:call-template name="cell-count"><xsl:with-param name="n" select="$s/@total"/></xsl:call-template></th>
            </tr>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="none"/></xsl:otherwise>
    </xsl:choose>

    <xsl:variable name="kinds" select="documents/kind[number(@count) &gt; 0]"/>
    <heading level="2">
      <xsl:text>(3)　当月に発行した文書</xsl:text>
      <xsl:if test="$kinds">
        <xsl:text>（計</xsl:text>
        <xsl:call-template name="n">
          <xsl:with-param name="n">
            <xsl:choose>
              <xsl:when test="documents/@total"><xsl:value-of select="documents/@total"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="sum($kinds/@count)"/></xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:text>件）</xsl:text>
      </xsl:if>
    </heading>
    <xsl:choose>
      <xsl:when test="$kinds">
        <!-- Two pairs of columns side by side: the list is read down the
             left half, then down the right half. -->
        <xsl:variable name="rows" select="ceiling(count($kinds) div 2)"/>
        <table borders="all" font-size="9">
          <col width="1*"/>
          <col width="15mm" align="right"/>
          <col width="1*"/>
          <col width="15mm" align="right"/>
          <thead>
            <tr><th>文書の種類</th><th>件数</th><th>文書の種類</th><th>件数</th></tr>
          </thead>
          <tbody>
            <xsl:for-each select="$kinds[position() &lt;= $rows]">
              <xsl:variable name="i" select="position()"/>
              <xsl:variable name="right" select="$kinds[$i + $rows]"/>
              <tr>
                <td><xsl:value-of select="@label"/></td>
                <td><xsl:call-template name="n"><xsl:with-param name="n" select="@count"/></xsl:call-template></td>
                <td><xsl:value-of select="$right/@label"/></td>
                <td>
                  <xsl:if test="$right">
                    <xsl:call-template name="n"><xsl:with-param name="n" select="$right/@count"/></xsl:call-template>
                  </xsl:if>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="none"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================== -->
  <!-- 2 グラフ                                                        -->
  <!-- ============================================================== -->

  <xsl:template name="section-charts">
    <xsl:call-template name="charts-page-break"/>
    <heading level="1">2　グラフ</heading>
    <xsl:call-template name="chart-month"/>
    <xsl:call-template name="chart-trend"/>
  </xsl:template>

  <!-- A heading is kept with two lines of what follows, not with a whole
       figure, so when the first figure (with its heading about 78 mm)
       would not fit under section 1 on page 1, start the charts on a new
       page, unless section 1 itself runs onto page 2 (then the charts
       follow it there). The height of section 1 is estimated from the
       rows of its tables (measured on the layout of vocabulary v1: the
       top of the 「2　グラフ」 line is 165 mm from the top of page 1 when
       section 1 holds no table and one line of text; a table row of 9 pt
       is 7.2 mm; the text area ends at 272 mm). -->
  <xsl:template name="charts-page-break">
    <xsl:variable name="cats" select="count(summary/category[number(@total) &gt; 0])"/>
    <xsl:variable name="docs" select="ceiling(count(documents/kind[number(@count) &gt; 0]) div 2)"/>
    <xsl:variable name="text" select="5.6 * number(number(summary/@total) &gt; 0)"/>
    <xsl:variable name="cat-h">
      <xsl:choose>
        <xsl:when test="$cats &gt; 0"><xsl:value-of select="8.3 + 7.17 * ($cats + 2)"/></xsl:when>
        <xsl:otherwise>11.1</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="doc-h">
      <xsl:choose>
        <xsl:when test="$docs &gt; 0"><xsl:value-of select="11.1 + 7.17 * ($docs + 1)"/></xsl:when>
        <xsl:otherwise>13.9</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="y" select="165 + $text + $cat-h + $doc-h"/>
    <xsl:if test="$y &gt; 194 and $y &lt;= 276">
      <page-break/>
    </xsl:if>
  </xsl:template>

  <!-- A count printed in a chart on a white ground, so that no gridline
       runs through it: anchor middle or start at (x, y), 8 pt. -->
  <xsl:template name="chart-count">
    <xsl:param name="x"/>
    <xsl:param name="y"/>
    <xsl:param name="n"/>
    <xsl:param name="anchor" select="'middle'"/>
    <xsl:param name="size" select="8"/>
    <xsl:variable name="text">
      <xsl:call-template name="n"><xsl:with-param name="n" select="$n"/></xsl:call-template>
    </xsl:variable>
    <!-- a digit of the gothic face is about 0.55 em; 1 pt = 0.3528 mm -->
    <xsl:variable name="w" select="string-length($text) * $size * 0.3528 * 0.6 + 1"/>
    <xsl:variable name="left">
      <xsl:choose>
        <xsl:when test="$anchor = 'middle'"><xsl:value-of select="$x - $w div 2"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$x - 0.5"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <box fill="1" stroke="0" h="{format-number($size * 0.3528 * 0.85, '0.##')}">
      <xsl:attribute name="x"><xsl:call-template name="mm"><xsl:with-param name="v" select="$left"/></xsl:call-template></xsl:attribute>
      <xsl:attribute name="y"><xsl:call-template name="mm"><xsl:with-param name="v" select="$y - $size * 0.3528 * 0.78"/></xsl:call-template></xsl:attribute>
      <xsl:attribute name="w"><xsl:call-template name="mm"><xsl:with-param name="v" select="$w"/></xsl:call-template></xsl:attribute>
    </box>
    <text y="{format-number($y, '0.##')}" size="{$size}" font="gothic" anchor="{$anchor}">
      <xsl:attribute name="x"><xsl:call-template name="mm"><xsl:with-param name="v" select="$x"/></xsl:call-template></xsl:attribute>
      <xsl:value-of select="$text"/>
    </text>
  </xsl:template>

  <!-- The severity legend: a swatch and a label per level, in a row that
       ends at x = right, its baseline at y. -->
  <xsl:template name="legend">
    <xsl:param name="right"/>
    <xsl:param name="y"/>
    <xsl:variable name="sev" select="/context/summary/severity"/>
    <!-- each entry: 3 mm swatch, 1 mm gap, label (2 字 at 7.5 pt ≈ 5.3 mm), 3 mm gap -->
    <xsl:variable name="entry" select="13"/>
    <xsl:variable name="left" select="$right - $entry * count($sev) - 11"/>
    <text x="{$left}" y="{$y}" size="7.5" font="gothic">重要度</text>
    <xsl:for-each select="$sev">
      <xsl:variable name="x" select="$left + 11 + (position() - 1) * $entry"/>
      <box x="{$x}" y="{$y - 2.6}" w="3" h="3" stroke="0.3">
        <xsl:attribute name="fill">
          <xsl:call-template name="severity-gray"><xsl:with-param name="level" select="@level"/></xsl:call-template>
        </xsl:attribute>
      </box>
      <text x="{$x + 4}" y="{$y}" size="7.5"><xsl:value-of select="@label"/></text>
    </xsl:for-each>
  </xsl:template>

  <!-- 図1 and 図2 side by side in one figure, under one legend of the
       severities: at the left the categories as horizontal bars stacked by
       severity, every category of the summary (zero ones too, so that the
       picture keeps its shape from month to month) with its total at the
       end of the bar; at the right one column per severity in its gray,
       the count above it. -->
  <xsl:template name="chart-month">
    <xsl:variable name="axis" select="57"/>
    <figure width="160" height="70" align="center">
      <xsl:call-template name="legend">
        <xsl:with-param name="right" select="160"/>
        <xsl:with-param name="y" select="4"/>
      </xsl:call-template>
      <xsl:call-template name="chart-category">
        <xsl:with-param name="x0" select="29"/>
        <xsl:with-param name="pw" select="58"/>
        <xsl:with-param name="y0" select="9"/>
        <xsl:with-param name="axis" select="$axis"/>
      </xsl:call-template>
      <xsl:call-template name="chart-severity">
        <xsl:with-param name="x0" select="114"/>
        <xsl:with-param name="pw" select="44"/>
        <xsl:with-param name="base" select="$axis"/>
        <xsl:with-param name="ph" select="43"/>
      </xsl:call-template>
      <text x="48" y="68.5" size="9.5" anchor="middle">図1　種別・重要度別件数</text>
      <text x="136" y="68.5" size="9.5" anchor="middle">図2　重要度別件数</text>
    </figure>
  </xsl:template>

  <!-- 図1: the plot area from x0 (pw wide), rows from y0 down to axis. -->
  <xsl:template name="chart-category">
    <xsl:param name="x0"/>
    <xsl:param name="pw"/>
    <xsl:param name="y0"/>
    <xsl:param name="axis"/>
    <xsl:variable name="cats" select="summary/category"/>
    <xsl:variable name="max">
      <xsl:call-template name="max-of"><xsl:with-param name="nodes" select="$cats/@total"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="m" select="number($max) + (5 - number($max)) * number(number($max) &lt; 5)"/>
    <xsl:variable name="step">
      <xsl:call-template name="axis-step"><xsl:with-param name="m" select="$m"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="top-value" select="ceiling($m div $step) * $step"/>
    <xsl:variable name="pitch" select="($axis - $y0) div (count($cats) + number(count($cats) = 0))"/>
    <xsl:variable name="bar" select="$pitch * 0.64"/>
    <xsl:variable name="scale" select="$pw div $top-value"/>
    <xsl:call-template name="x-grid">
      <xsl:with-param name="v" select="0"/>
      <xsl:with-param name="step" select="$step"/>
      <xsl:with-param name="top-value" select="$top-value"/>
      <xsl:with-param name="x0" select="$x0"/>
      <xsl:with-param name="scale" select="$scale"/>
      <xsl:with-param name="y1" select="$y0 - 1.5"/>
      <xsl:with-param name="y2" select="$axis"/>
    </xsl:call-template>
    <text x="{$x0 + $pw + 1.5}" y="{$axis + 4}" size="7">（件）</text>
    <xsl:for-each select="$cats">
      <xsl:variable name="c" select="."/>
      <xsl:variable name="top" select="$y0 + (position() - 1) * $pitch + ($pitch - $bar) div 2"/>
      <xsl:variable name="mid" select="format-number($top + $bar div 2 + 1.05, '0.##')"/>
      <text x="{$x0 - 2}" y="{$mid}" size="8" anchor="end"><xsl:value-of select="@label"/></text>
      <xsl:for-each select="severity[number(@count) &gt; 0]">
        <xsl:variable name="lv" select="@level"/>
        <xsl:variable name="before" select="sum($c/severity[number(@level) &lt; number($lv)]/@count)"/>
        <box y="{format-number($top, '0.##')}" h="{format-number($bar, '0.##')}" stroke="0.3">
          <xsl:attribute name="x"><xsl:call-template name="mm"><xsl:with-param name="v" select="$x0 + $before * $scale"/></xsl:call-template></xsl:attribute>
          <xsl:attribute name="w"><xsl:call-template name="mm"><xsl:with-param name="v" select="@count * $scale"/></xsl:call-template></xsl:attribute>
          <xsl:attribute name="fill"><xsl:call-template name="severity-gray"><xsl:with-param name="level" select="$lv"/></xsl:call-template></xsl:attribute>
        </box>
      </xsl:for-each>
      <xsl:call-template name="chart-count">
        <xsl:with-param name="x" select="$x0 + number(@total) * $scale + 1.5"/>
        <xsl:with-param name="y" select="$top + $bar div 2 + 1.05"/>
        <xsl:with-param name="n" select="@total"/>
        <xsl:with-param name="anchor" select="'start'"/>
      </xsl:call-template>
    </xsl:for-each>
    <line x1="{$x0}" y1="{$y0 - 1.5}" x2="{$x0}" y2="{$axis}" width="0.7"/>
    <line x1="{$x0}" y1="{$axis}" x2="{$x0 + $pw}" y2="{$axis}" width="0.7"/>
    <xsl:if test="number($max) = 0">
      <text x="{$x0 + $pw div 2}" y="{$y0 + ($axis - $y0) div 2 + 1.5}" size="10" font="gothic" anchor="middle">該当なし</text>
    </xsl:if>
  </xsl:template>

  <!-- Vertical gridlines at v, v+step … top-value, each numbered under
       the axis. -->
  <xsl:template name="x-grid">
    <xsl:param name="v"/>
    <xsl:param name="step"/>
    <xsl:param name="top-value"/>
    <xsl:param name="x0"/>
    <xsl:param name="scale"/>
    <xsl:param name="y1"/>
    <xsl:param name="y2"/>
    <xsl:if test="$v &lt;= $top-value">
      <xsl:variable name="x" select="format-number($x0 + $v * $scale, '0.##')"/>
      <xsl:if test="$v &gt; 0">
        <line x1="{$x}" y1="{$y1}" x2="{$x}" y2="{$y2}" width="0.3" dash="true"/>
      </xsl:if>
      <line x1="{$x}" y1="{$y2}" x2="{$x}" y2="{$y2 + 1}" width="0.5"/>
      <text x="{$x}" y="{$y2 + 4}" size="7" anchor="middle">
        <xsl:call-template name="n"><xsl:with-param name="n" select="$v"/></xsl:call-template>
      </text>
      <xsl:call-template name="x-grid">
        <xsl:with-param name="v" select="$v + $step"/>
        <xsl:with-param name="step" select="$step"/>
        <xsl:with-param name="top-value" select="$top-value"/>
        <xsl:with-param name="x0" select="$x0"/>
        <xsl:with-param name="scale" select="$scale"/>
        <xsl:with-param name="y1" select="$y1"/>
        <xsl:with-param name="y2" select="$y2"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- Horizontal gridlines at v, v+step … top-value, each numbered at the
       left of the axis. base is the y of 0, scale mm per unit. -->
  <xsl:template name="y-grid">
    <xsl:param name="v"/>
    <xsl:param name="step"/>
    <xsl:param name="top-value"/>
    <xsl:param name="x1"/>
    <xsl:param name="x2"/>
    <xsl:param name="base"/>
    <xsl:param name="scale"/>
    <xsl:if test="$v &lt;= $top-value">
      <xsl:variable name="y" select="format-number($base - $v * $scale, '0.##')"/>
      <xsl:if test="$v &gt; 0">
        <line x1="{$x1}" y1="{$y}" x2="{$x2}" y2="{$y}" width="0.3" dash="true"/>
      </xsl:if>
      <line x1="{$x1 - 1}" y1="{$y}" x2="{$x1}" y2="{$y}" width="0.5"/>
      <text x="{$x1 - 1.8}" y="{format-number($base - $v * $scale + 1.1, '0.##')}" size="7" anchor="end">
        <xsl:call-template name="n"><xsl:with-param name="n" select="$v"/></xsl:call-template>
      </text>
      <xsl:call-template name="y-grid">
        <xsl:with-param name="v" select="$v + $step"/>
        <xsl:with-param name="step" select="$step"/>
        <xsl:with-param name="top-value" select="$top-value"/>
        <xsl:with-param name="x1" select="$x1"/>
        <xsl:with-param name="x2" select="$x2"/>
        <xsl:with-param name="base" select="$base"/>
        <xsl:with-param name="scale" select="$scale"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- 図2: the plot area from x0 (pw wide), its base at y = base, ph
       high. -->
  <xsl:template name="chart-severity">
    <xsl:param name="x0"/>
    <xsl:param name="pw"/>
    <xsl:param name="base"/>
    <xsl:param name="ph"/>
    <xsl:variable name="sev" select="summary/severity"/>
    <xsl:variable name="max">
      <xsl:call-template name="max-of"><xsl:with-param name="nodes" select="$sev/@count"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="m" select="number($max) + (5 - number($max)) * number(number($max) &lt; 5)"/>
    <xsl:variable name="step">
      <xsl:call-template name="axis-step"><xsl:with-param name="m" select="$m"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="top-value" select="ceiling($m div $step) * $step"/>
    <xsl:variable name="scale" select="$ph div $top-value"/>
    <xsl:variable name="slot" select="$pw div (count($sev) + number(count($sev) = 0))"/>
    <xsl:variable name="bw" select="$slot * 0.62"/>
    <text x="{$x0 - 1.8}" y="{$base - $ph - 3}" size="7" anchor="end">（件）</text>
    <xsl:call-template name="y-grid">
      <xsl:with-param name="v" select="0"/>
      <xsl:with-param name="step" select="$step"/>
      <xsl:with-param name="top-value" select="$top-value"/>
      <xsl:with-param name="x1" select="$x0"/>
      <xsl:with-param name="x2" select="$x0 + $pw"/>
      <xsl:with-param name="base" select="$base"/>
      <xsl:with-param name="scale" select="$scale"/>
    </xsl:call-template>
    <xsl:for-each select="$sev">
      <xsl:variable name="cx" select="$x0 + (position() - 0.5) * $slot"/>
      <xsl:variable name="h" select="number(@count) * $scale"/>
      <xsl:if test="number(@count) &gt; 0">
        <box x="{format-number($cx - $bw div 2, '0.##')}" y="{format-number($base - $h, '0.##')}"
             w="{format-number($bw, '0.##')}" h="{format-number($h, '0.##')}" stroke="0.4">
          <xsl:attribute name="fill"><xsl:call-template name="severity-gray"><xsl:with-param name="level" select="@level"/></xsl:call-template></xsl:attribute>
        </box>
      </xsl:if>
      <xsl:call-template name="chart-count">
        <xsl:with-param name="x" select="$cx"/>
        <xsl:with-param name="y" select="$base - $h - 1.2"/>
        <xsl:with-param name="n" select="@count"/>
      </xsl:call-template>
      <text x="{format-number($cx, '0.##')}" y="{$base + 4}" size="8" anchor="middle">
        <xsl:value-of select="@label"/>
      </text>
    </xsl:for-each>
    <line x1="{$x0}" y1="{$base - $ph - 1}" x2="{$x0}" y2="{$base}" width="0.7"/>
    <line x1="{$x0}" y1="{$base}" x2="{$x0 + $pw}" y2="{$base}" width="0.7"/>
    <xsl:if test="number($max) = 0">
      <text x="{$x0 + $pw div 2}" y="{$base - $ph div 2 + 1.5}" size="10" font="gothic" anchor="middle">該当なし</text>
    </xsl:if>
  </xsl:template>

  <!-- 図3: the fiscal year month by month (April to March), incidents
       recognised in each month; the report month darker; months still to
       come have no bar. -->
  <xsl:template name="chart-trend">
    <xsl:variable name="months" select="trend/month"/>
    <xsl:variable name="max">
      <xsl:call-template name="max-of"><xsl:with-param name="nodes" select="$months/@count"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="m" select="number($max) + (5 - number($max)) * number(number($max) &lt; 5)"/>
    <xsl:variable name="step">
      <xsl:call-template name="axis-step"><xsl:with-param name="m" select="$m"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="top-value" select="ceiling($m div $step) * $step"/>
    <xsl:variable name="x0" select="14"/>
    <xsl:variable name="pw" select="132"/>
    <xsl:variable name="base" select="44"/>
    <xsl:variable name="ph" select="34"/>
    <xsl:variable name="scale" select="$ph div $top-value"/>
    <xsl:variable name="slot" select="$pw div (count($months) + number(count($months) = 0))"/>
    <xsl:variable name="bw" select="6.5"/>
    <xsl:variable name="month" select="@month"/>
    <figure width="150" height="52" align="center">
      <xsl:attribute name="caption">
        <xsl:value-of select="concat('図3　月別認知件数の推移（', trend/@label, '）')"/>
      </xsl:attribute>
      <!-- legend: this month and the other months -->
      <box x="112" y="1.4" w="3" h="3" fill="0.25" stroke="0.3"/>
      <text x="116" y="4" size="7.5">当月</text>
      <box x="126" y="1.4" w="3" h="3" fill="0.7" stroke="0.3"/>
      <text x="130" y="4" size="7.5">その他の月</text>
      <text x="{$x0 - 1.8}" y="{$base - $ph - 3.5}" size="7" anchor="end">（件）</text>
      <xsl:call-template name="y-grid">
        <xsl:with-param name="v" select="0"/>
        <xsl:with-param name="step" select="$step"/>
        <xsl:with-param name="top-value" select="$top-value"/>
        <xsl:with-param name="x1" select="$x0"/>
        <xsl:with-param name="x2" select="$x0 + $pw"/>
        <xsl:with-param name="base" select="$base"/>
        <xsl:with-param name="scale" select="$scale"/>
      </xsl:call-template>
      <xsl:for-each select="$months">
        <xsl:variable name="cx" select="$x0 + (position() - 0.5) * $slot"/>
        <xsl:variable name="h" select="number(@count) * $scale"/>
        <xsl:if test="not(@future = 'true')">
          <xsl:if test="number(@count) &gt; 0">
            <box x="{format-number($cx - $bw div 2, '0.##')}" y="{format-number($base - $h, '0.##')}"
                 w="{$bw}" h="{format-number($h, '0.##')}" stroke="0.4">
              <xsl:attribute name="fill">
                <xsl:choose>
                  <xsl:when test="@ym = $month">0.25</xsl:when>
                  <xsl:otherwise>0.7</xsl:otherwise>
                </xsl:choose>
              </xsl:attribute>
            </box>
          </xsl:if>
          <xsl:call-template name="chart-count">
            <xsl:with-param name="x" select="$cx"/>
            <xsl:with-param name="y" select="$base - $h - 1.2"/>
            <xsl:with-param name="n" select="@count"/>
            <xsl:with-param name="size" select="7.5"/>
          </xsl:call-template>
        </xsl:if>
        <line x1="{format-number($cx, '0.##')}" y1="{$base}" x2="{format-number($cx, '0.##')}" y2="{$base + 1}" width="0.5"/>
        <text x="{format-number($cx, '0.##')}" y="{$base + 4.2}" size="8" anchor="middle">
          <xsl:if test="@ym = $month"><xsl:attribute name="font">gothic</xsl:attribute></xsl:if>
          <xsl:value-of select="@label"/>
        </text>
      </xsl:for-each>
      <line x1="{$x0}" y1="{$base - $ph - 1}" x2="{$x0}" y2="{$base}" width="0.7"/>
      <line x1="{$x0}" y1="{$base}" x2="{$x0 + $pw}" y2="{$base}" width="0.7"/>
      <xsl:if test="number($max) = 0">
        <text x="{$x0 + $pw div 2}" y="{$base - $ph div 2 + 1.5}" size="10" font="gothic" anchor="middle">該当なし</text>
      </xsl:if>
    </figure>
  </xsl:template>

  <!-- ============================================================== -->
  <!-- 3 個別案件一覧                                                   -->
  <!-- ============================================================== -->

  <xsl:template name="section-incidents">
    <heading level="1">3　個別案件一覧</heading>
    <xsl:choose>
      <xsl:when test="incidents/incident">
        <p size="9" align="left" keep-with-next="true">当月中に対応中であった全ての事案（認知日順）。▲の行（ゴシック体）は期限超過で未了のものを示す。</p>
        <table borders="all" font-size="{$small}">
          <col width="{$id-width}"/>
          <col width="1.2*"/>
          <col width="{$day-width}" align="center"/>
          <col width="10mm" align="center"/>
          <!-- 状況: 第1報（最終報） breaks once, into lines of at most 5 字 -->
          <col width="18mm" align="center"/>
          <col width="1*"/>
          <col width="22mm"/>
          <thead>
            <tr>
              <th>ID</th><th>件名</th><th>認知日</th><th>重要度</th><th>状況</th>
              <th>報告（送付日）</th><th>期限の状況</th>
            </tr>
          </thead>
          <tbody>
            <xsl:apply-templates select="incidents/incident" mode="list"/>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="none"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- One row of the list; an overdue incident is set in ゴシック. -->
  <xsl:template match="incident" mode="list">
    <tr>
      <xsl:choose>
        <xsl:when test="@overdue = 'true'">
          <td><em><xsl:apply-templates select="." mode="cell-id"/></em></td>
          <td><em><xsl:apply-templates select="." mode="cell-title"/></em></td>
          <td><em><xsl:apply-templates select="." mode="cell-recognized"/></em></td>
          <td><em><xsl:apply-templates select="." mode="cell-severity"/></em></td>
          <td><em><xsl:apply-templates select="." mode="cell-status"/></em></td>
          <td><em><xsl:apply-templates select="." mode="cell-reports"/></em></td>
          <td><em><xsl:apply-templates select="." mode="cell-deadlines"/></em></td>
        </xsl:when>
        <xsl:otherwise>
          <td><xsl:apply-templates select="." mode="cell-id"/></td>
          <td><xsl:apply-templates select="." mode="cell-title"/></td>
          <td><xsl:apply-templates select="." mode="cell-recognized"/></td>
          <td><xsl:apply-templates select="." mode="cell-severity"/></td>
          <td><xsl:apply-templates select="." mode="cell-status"/></td>
          <td><xsl:apply-templates select="." mode="cell-reports"/></td>
          <td><xsl:apply-templates select="." mode="cell-deadlines"/></td>
        </xsl:otherwise>
      </xsl:choose>
    </tr>
  </xsl:template>

  <xsl:template match="incident" mode="cell-id">
    <xsl:value-of select="@id"/>
  </xsl:template>

  <!-- 件名, then the division and, for a continuing incident, that it
       carries over; the PPC duty is flagged. -->
  <xsl:template match="incident" mode="cell-title">
    <xsl:value-of select="@title"/>
    <xsl:if test="@division-name or @phase = 'continuing' or @ppc = 'true'">
      <br/>
      <xsl:text>（</xsl:text>
      <xsl:value-of select="@division-name"/>
      <xsl:if test="@phase = 'continuing'">
        <xsl:if test="@division-name">・</xsl:if>
        <xsl:text>前月から継続</xsl:text>
      </xsl:if>
      <xsl:if test="@ppc = 'true'">
        <xsl:if test="@division-name or @phase = 'continuing'">・</xsl:if>
        <xsl:text>PPC報告対象</xsl:text>
      </xsl:if>
      <xsl:text>）</xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:template match="incident" mode="cell-recognized">
    <xsl:call-template name="day">
      <xsl:with-param name="iso" select="@recognized"/>
      <xsl:with-param name="short" select="'true'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="incident" mode="cell-severity">
    <xsl:value-of select="@severity-label"/>
  </xsl:template>

  <!-- 状況, and under it the latest report's label (第2報, 最終報); a
       第1報（最終報） breaks only before its bracket. -->
  <xsl:template match="incident" mode="cell-status">
    <xsl:value-of select="@status-label"/>
    <xsl:if test="@label">
      <br/>
      <xsl:call-template name="report-label"><xsl:with-param name="s" select="@label"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A report's label, unbreakable but for the point before （最終報）. -->
  <xsl:template name="report-label">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="contains($s, '（')">
        <nobr><xsl:call-template name="digits"><xsl:with-param name="s" select="substring-before($s, '（')"/></xsl:call-template></nobr>
        <nobr><xsl:value-of select="concat('（', substring-after($s, '（'))"/></nobr>
      </xsl:when>
      <xsl:otherwise>
        <nobr><xsl:call-template name="digits"><xsl:with-param name="s" select="$s"/></xsl:call-template></nobr>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- 報告（送付日）: one line per batch of reports (same revision, same
       day): 「第1報 11月4日 CIO・京都府」. -->
  <xsl:template match="incident" mode="cell-reports">
    <xsl:variable name="inc" select="."/>
    <xsl:variable name="batches"
        select="reports/report[generate-id() = generate-id(key('report-batch',
                  concat(generate-id(../..), '|', @revision, '|', @issued))[1])]"/>
    <xsl:choose>
      <xsl:when test="$batches">
        <xsl:for-each select="$batches">
          <xsl:if test="position() &gt; 1"><br/></xsl:if>
          <xsl:call-template name="report-label">
            <xsl:with-param name="s">
              <xsl:choose>
                <xsl:when test="number(@revision) = number($inc/@revision) and $inc/@label">
                  <xsl:value-of select="$inc/@label"/>
                </xsl:when>
                <xsl:otherwise><xsl:value-of select="concat('第', @revision, '報')"/></xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:text> </xsl:text>
          <nobr>
            <xsl:call-template name="day">
              <xsl:with-param name="iso" select="@issued"/>
              <xsl:with-param name="short" select="'true'"/>
            </xsl:call-template>
          </nobr>
          <br/>
          <xsl:for-each select="key('report-batch', concat(generate-id(../..), '|', @revision, '|', @issued))">
            <xsl:if test="position() &gt; 1">・</xsl:if>
            <xsl:choose>
              <xsl:when test="@authority"><xsl:value-of select="@authority"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="@label"/></xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>未送付</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- 期限の状況 in a word, at the month's end: ▲期限超過 and which, if
       any deadline is past and not done; else 期限内 and the next one
       due with the last day still in time; else 済, or 済（期限後） and
       which were done late. -->
  <xsl:template match="incident" mode="cell-deadlines">
    <xsl:variable name="pending" select="deadline[@state = '期限内']"/>
    <xsl:choose>
      <xsl:when test="deadline[@state = '期限超過']">
        <xsl:text>▲期限超過</xsl:text>
        <br/>
        <xsl:for-each select="deadline[@state = '期限超過']">
          <xsl:if test="position() &gt; 1">・</xsl:if>
          <xsl:call-template name="deadline-short"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="$pending">
        <!-- the next one due -->
        <xsl:text>期限内</xsl:text>
        <xsl:for-each select="$pending">
          <xsl:sort select="@until"/>
          <xsl:if test="position() = 1">
            <br/>
            <xsl:call-template name="deadline-short"/>
            <br/>
            <nobr>
              <xsl:call-template name="day">
                <xsl:with-param name="iso" select="@until"/>
                <xsl:with-param name="short" select="'true'"/>
              </xsl:call-template>
              <xsl:text>まで</xsl:text>
            </nobr>
          </xsl:if>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="deadline[@state = '済（期限後）']">
        <xsl:text>済（期限後）</xsl:text>
        <br/>
        <xsl:for-each select="deadline[@state = '済（期限後）']">
          <xsl:if test="position() &gt; 1">・</xsl:if>
          <xsl:call-template name="deadline-short"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="deadline">済</xsl:when>
      <xsl:otherwise>－</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================== -->
  <!-- 4 期限の状況                                                     -->
  <!-- ============================================================== -->

  <xsl:template name="section-deadlines">
    <xsl:variable name="all" select="incidents/incident/deadline"/>
    <xsl:variable name="late" select="$all[@state = '期限超過']"/>
    <xsl:variable name="open" select="$all[@state = '期限内']"/>
    <!-- The incidents with a deadline overdue or still open, and those
         whose every report went out in time. -->
    <xsl:variable name="exceptions" select="incidents/incident[deadline[@state != '済']]"/>
    <xsl:variable name="clean" select="incidents/incident[deadline and not(deadline[@state != '済'])]"/>
    <heading level="1">4　期限の状況</heading>
    <xsl:choose>
      <xsl:when test="$all">
        <p align="justify" indent="1" keep-with-next="true">
          <xsl:text>報告期限（期限目安）</xsl:text>
          <nobr><xsl:call-template name="n"><xsl:with-param name="n" select="count($all)"/></xsl:call-template>件</nobr>
          <xsl:text>のうち、期限内に報告したものは</xsl:text>
          <nobr><xsl:call-template name="n"><xsl:with-param name="n" select="count($all[@state = '済'])"/></xsl:call-template>件</nobr>
          <xsl:text>、期限後に報告したものは</xsl:text>
          <nobr><xsl:call-template name="n"><xsl:with-param name="n" select="count($all[@state = '済（期限後）'])"/></xsl:call-template>件</nobr>
          <xsl:text>、期限内で未了のものは</xsl:text>
          <nobr><xsl:call-template name="n"><xsl:with-param name="n" select="count($open)"/></xsl:call-template>件</nobr>
          <xsl:text>、期限を超過して未了のものは</xsl:text>
          <xsl:choose>
            <xsl:when test="$late">
              <em><nobr><xsl:call-template name="n"><xsl:with-param name="n" select="count($late)"/></xsl:call-template>件</nobr></em>
            </xsl:when>
            <xsl:otherwise>
              <nobr><xsl:call-template name="n"><xsl:with-param name="n" select="0"/></xsl:call-template>件</nobr>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:text>である。</xsl:text>
          <xsl:choose>
            <xsl:when test="$exceptions and $clean">
              <xsl:text>期限超過、期限後の報告又は未了の報告がある事案は次のとおりである（期限超過のものを先に掲げ、全ての報告を期限内に終えた</xsl:text>
              <nobr><xsl:call-template name="n"><xsl:with-param name="n" select="count($clean)"/></xsl:call-template>件</nobr>
              <xsl:text>は掲げていない。）。</xsl:text>
            </xsl:when>
            <xsl:when test="$exceptions">
              <xsl:text>各事案の状況は次のとおりである（期限超過のものを先に掲げる。）。</xsl:text>
            </xsl:when>
          </xsl:choose>
        </p>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="none"/></xsl:otherwise>
    </xsl:choose>
    <xsl:if test="$exceptions">
      <!-- One column per kind of deadline that occurs, in a fixed order. -->
      <xsl:variable name="kinds" select="$all[generate-id() = generate-id(key('deadline-kind', @kind)[1])]"/>
      <table borders="all" font-size="{$small}">
        <col width="{$id-width}"/>
        <xsl:for-each select="$kinds">
          <col width="1*" align="center"/>
        </xsl:for-each>
        <thead>
          <tr>
            <th>ID</th>
            <xsl:for-each select="$kinds">
              <xsl:sort select="(@kind = 'cio') * 1 + (@kind = 'prefecture') * 2 + (@kind = 'ppc-quick') * 3 + (@kind = 'ppc-final') * 4" data-type="number"/>
              <th>
                <xsl:choose>
                  <xsl:when test="starts-with(@kind, 'ppc-')"><xsl:call-template name="deadline-short"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="@what"/></xsl:otherwise>
                </xsl:choose>
              </th>
            </xsl:for-each>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="$exceptions">
            <xsl:sort select="number(@overdue = 'true')" data-type="number" order="descending"/>
            <xsl:variable name="inc" select="."/>
            <tr>
              <td>
                <xsl:choose>
                  <xsl:when test="@overdue = 'true'"><em><xsl:value-of select="@id"/></em></xsl:when>
                  <xsl:otherwise><xsl:value-of select="@id"/></xsl:otherwise>
                </xsl:choose>
              </td>
              <xsl:for-each select="$kinds">
                <xsl:sort select="(@kind = 'cio') * 1 + (@kind = 'prefecture') * 2 + (@kind = 'ppc-quick') * 3 + (@kind = 'ppc-final') * 4" data-type="number"/>
                <xsl:variable name="k" select="@kind"/>
                <td>
                  <xsl:apply-templates select="$inc/deadline[@kind = $k][1]" mode="state"/>
                  <xsl:if test="not($inc/deadline[@kind = $k])">－</xsl:if>
                </td>
              </xsl:for-each>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
      <!-- How each deadline is reckoned, as the context states it. -->
      <p size="8.5" left-indent="2" hanging="0" space-before="0.25">
        <xsl:text>期限は期限目安（休日を含む。）とし、月末時点の状況を示す。</xsl:text>
        <xsl:for-each select="$kinds">
          <xsl:sort select="(@kind = 'cio') * 1 + (@kind = 'prefecture') * 2 + (@kind = 'ppc-quick') * 3 + (@kind = 'ppc-final') * 4" data-type="number"/>
          <xsl:if test="string(@note)">
            <br/>
            <xsl:call-template name="digits">
              <xsl:with-param name="s" select="concat('・', @what, '：', @note)"/>
            </xsl:call-template>
          </xsl:if>
        </xsl:for-each>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- One deadline in a cell, at the month's end: 済 and the day it was
       done; 済（期限後） and the day it was done late; 期限内 and the last
       day still in time; ▲期限超過 (ゴシック), the due day and 未了. -->
  <xsl:template match="deadline" mode="state">
    <xsl:choose>
      <xsl:when test="@state = '期限超過'">
        <em>
          <xsl:text>▲期限超過</xsl:text>
          <br/>
          <nobr>
            <xsl:text>期限</xsl:text>
            <xsl:call-template name="day">
              <xsl:with-param name="iso" select="@due"/>
              <xsl:with-param name="short" select="'true'"/>
            </xsl:call-template>
          </nobr>
          <br/>
          <xsl:text>未了</xsl:text>
        </em>
      </xsl:when>
      <xsl:when test="@state = '済' or @state = '済（期限後）'">
        <xsl:value-of select="@state"/>
        <xsl:if test="@done">
          <br/>
          <nobr>
            <xsl:call-template name="day">
              <xsl:with-param name="iso" select="@done"/>
              <xsl:with-param name="short" select="'true'"/>
            </xsl:call-template>
          </nobr>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="@state"/>
        <br/>
        <nobr>
          <xsl:call-template name="day">
            <xsl:with-param name="iso" select="@until"/>
            <xsl:with-param name="short" select="'true'"/>
          </xsl:call-template>
          <xsl:text>まで</xsl:text>
        </nobr>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================== -->
  <!-- 5 指名・任命                                                     -->
  <!-- ============================================================== -->

  <xsl:template name="section-nominations">
    <heading level="1">5　指名・任命</heading>
    <heading level="2">(1)　指名</heading>
    <xsl:choose>
      <xsl:when test="nominations/nomination">
        <table borders="all" font-size="{$small}">
          <col width="{$day-width}" align="center"/>
          <col width="1*"/>
          <col width="1.3*"/>
          <col width="1.3*"/>
          <col width="24mm" align="center"/>
          <thead>
            <tr>
              <th>指名日</th><th>種類</th><th>被指名者</th><th>指名者</th>
              <th>
                <xsl:call-template name="digits"><xsl:with-param name="s" select="string($articles[@key = 'dx-report']/@cite)"/></xsl:call-template>
                <br/>
                <xsl:text>の報告</xsl:text>
              </th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="nominations/nomination">
              <tr>
                <td>
                  <xsl:call-template name="day">
                    <xsl:with-param name="iso" select="@date"/>
                    <xsl:with-param name="short" select="'true'"/>
                  </xsl:call-template>
                </td>
                <td>
                  <xsl:value-of select="@role"/>
                  <xsl:if test="@body-name">
                    <br/>
                    <xsl:text>（</xsl:text>
                    <xsl:value-of select="@body-name"/>
                    <xsl:text>）</xsl:text>
                  </xsl:if>
                </td>
                <td><xsl:value-of select="@nominee-line"/></td>
                <td><xsl:value-of select="@nominator-line"/></td>
                <td>
                  <xsl:choose>
                    <xsl:when test="@report = 'issued'">
                      <xsl:text>報告済</xsl:text>
                      <xsl:if test="@report-number">
                        <br/>
                        <xsl:call-template name="digits"><xsl:with-param name="s" select="@report-number"/></xsl:call-template>
                      </xsl:if>
                    </xsl:when>
                    <xsl:when test="@report = 'owed'"><em>▲未報告</em></xsl:when>
                    <xsl:otherwise>－</xsl:otherwise>
                  </xsl:choose>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
        <xsl:if test="nominations/nomination[@report = 'none']">
          <p size="8.5" space-before="0.25">
            <xsl:text>注　</xsl:text>
            <xsl:call-template name="digits"><xsl:with-param name="s" select="string($articles[@key = 'dx-report']/@cite)"/></xsl:call-template>
            <xsl:text>の報告はDX推進員の指名に限る（－は対象外）。</xsl:text>
          </p>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="none"/></xsl:otherwise>
    </xsl:choose>
    <heading level="2">(2)　任命・異動</heading>
    <xsl:choose>
      <xsl:when test="appointments/appointment">
        <table borders="all" font-size="{$small}">
          <col width="{$day-width}" align="center"/>
          <col width="1*"/>
          <col width="2*"/>
          <thead>
            <tr><th>発令日</th><th>氏名</th><th>内容</th></tr>
          </thead>
          <tbody>
            <xsl:for-each select="appointments/appointment">
              <tr>
                <td>
                  <xsl:call-template name="day">
                    <xsl:with-param name="iso" select="@date"/>
                    <xsl:with-param name="short" select="'true'"/>
                  </xsl:call-template>
                </td>
                <td><xsl:value-of select="@person-line"/></td>
                <td><xsl:value-of select="@what"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="none"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================== -->
  <!-- 6 体制表                                                        -->
  <!-- ============================================================== -->

  <xsl:template name="section-roster">
    <heading level="1">
      <xsl:text>6　体制表（</xsl:text>
      <xsl:call-template name="day">
        <xsl:with-param name="iso" select="roster/@date"/>
      </xsl:call-template>
      <xsl:text>現在）</xsl:text>
    </heading>
    <xsl:choose>
      <xsl:when test="roster/role">
        <!-- One table per group, its name heading the thead so that it
             repeats when a group runs onto the next page. -->
        <xsl:for-each select="roster/role[generate-id() = generate-id(key('roster-group', string(@group))[1])]">
          <xsl:variable name="roles" select="key('roster-group', string(@group))"/>
          <!-- 対象 only where some role of the group has one of its own -->
          <xsl:variable name="scoped" select="boolean($roles[string(@scope) and not(@scope = @group)])"/>
          <xsl:if test="position() &gt; 1"><space lines="0.3"/></xsl:if>
          <table borders="all" font-size="{$small}">
            <col width="5mm" align="center"/>
            <col width="1.5*"/>
            <xsl:if test="$scoped"><col width="1.2*"/></xsl:if>
            <col width="1.2*"/>
            <col width="22mm"/>
            <col width="21mm" align="center"/>
            <thead>
              <xsl:if test="string(@group)">
                <tr><th colspan="{5 + number($scoped)}" align="left"><xsl:value-of select="@group"/></th></tr>
              </xsl:if>
              <tr>
                <th></th><th>役割</th>
                <xsl:if test="$scoped"><th>対象</th></xsl:if>
                <th>職</th><th>氏名</th><th>根拠条項</th>
              </tr>
            </thead>
            <tbody>
              <xsl:apply-templates select="$roles" mode="roster">
                <xsl:with-param name="scoped" select="$scoped"/>
              </xsl:apply-templates>
            </tbody>
          </table>
        </xsl:for-each>
        <p size="8.5" space-before="0.25">
          <xsl:text>注　※は当月中に変更があったもの（ゴシック体）</xsl:text>
          <xsl:if test="not(roster/role[@changed = 'true'])">。当月中の変更はない</xsl:if>
          <xsl:text>。</xsl:text>
        </p>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="none"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="role" mode="roster">
    <xsl:param name="scoped" select="true()"/>
    <tr>
      <td><xsl:if test="@changed = 'true'">※</xsl:if></td>
      <xsl:choose>
        <xsl:when test="@changed = 'true'">
          <td><em><xsl:value-of select="@role"/></em></td>
          <xsl:if test="$scoped"><td><em><xsl:apply-templates select="." mode="scope"/></em></td></xsl:if>
          <xsl:apply-templates select="." mode="holder-cells"/>
          <td><em><xsl:call-template name="digits"><xsl:with-param name="s" select="@article"/></xsl:call-template></em></td>
        </xsl:when>
        <xsl:otherwise>
          <td><xsl:value-of select="@role"/></td>
          <xsl:if test="$scoped"><td><xsl:apply-templates select="." mode="scope"/></td></xsl:if>
          <xsl:apply-templates select="." mode="holder-cells"/>
          <td><xsl:call-template name="digits"><xsl:with-param name="s" select="@article"/></xsl:call-template></td>
        </xsl:otherwise>
      </xsl:choose>
    </tr>
  </xsl:template>

  <!-- A body's own name is already in its group's heading. -->
  <xsl:template match="role" mode="scope">
    <xsl:if test="not(@scope = @group)"><xsl:value-of select="@scope"/></xsl:if>
  </xsl:template>

  <!-- 職 and 氏名, or 欠員 (ゴシック) with the reason across both. -->
  <xsl:template match="role" mode="holder-cells">
    <xsl:choose>
      <xsl:when test="@vacant = 'true'">
        <td colspan="2">
          <em>欠員</em>
          <xsl:if test="@note">
            <xsl:text>　</xsl:text>
            <xsl:value-of select="@note"/>
          </xsl:if>
        </td>
      </xsl:when>
      <xsl:when test="@changed = 'true'">
        <td><em><xsl:value-of select="@post"/></em></td>
        <td><em><xsl:value-of select="@name"/></em></td>
      </xsl:when>
      <xsl:otherwise>
        <td><xsl:value-of select="@post"/></td>
        <td><xsl:value-of select="@name"/></td>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================== -->
  <!-- 7 詳細（CIO限り）                                               -->
  <!-- ============================================================== -->

  <xsl:template name="section-detail">
    <heading level="1">7　詳細（CIO限り）</heading>
    <xsl:variable name="with" select="incidents/incident[normalize-space(detail) != '']"/>
    <xsl:choose>
      <xsl:when test="$with">
        <xsl:for-each select="$with">
          <p font="gothic" keep-with-next="true" left-indent="1" hanging="1">
            <xsl:if test="position() &gt; 1"><xsl:attribute name="space-before">0.4</xsl:attribute></xsl:if>
            <xsl:value-of select="@id"/>
            <xsl:text>　</xsl:text>
            <xsl:value-of select="@title"/>
            <xsl:if test="@overdue = 'true'">（▲期限超過）</xsl:if>
          </p>
          <xsl:choose>
            <xsl:when test="detail/p">
              <xsl:for-each select="detail/p[normalize-space(.) != '']">
                <p align="justify" indent="1" left-indent="1"><xsl:value-of select="normalize-space(.)"/></p>
              </xsl:for-each>
            </xsl:when>
            <xsl:otherwise>
              <p align="justify" indent="1" left-indent="1"><xsl:value-of select="normalize-space(detail)"/></p>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="none"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
