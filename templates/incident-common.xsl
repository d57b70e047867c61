<?xml version="1.0" encoding="UTF-8"?>
<!-- incident-common.xsl — parts the incident documents share (D7, D9, the
     PPC sheet and the press-release draft): instants in Japan time, the
     names of category, severity and status, the impact lines, the
     timeline. Imported by incident-report-cio.xsl,
     incident-report-authority.xsl, ppc-report-sheet.xsl and
     press-release-draft.xsl; it is not a kind of its own. Everything
     printed comes from the context document. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:kb="urn:kobun:xslt"
    exclude-result-prefixes="kb">
  <xsl:import href="common.xsl"/>

  <!-- Digits as the organization writes them (half-width unless
       organization/@digits is 'full'; then the grouping comma too). -->
  <xsl:template name="digits">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="/context/organization/@digits = 'full'">
        <xsl:value-of select="translate(kb:zenkaku(string($s)), ',', '，')"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A count with 3-digit grouping: 1,500. -->
  <xsl:template name="count">
    <xsl:param name="n"/>
    <xsl:call-template name="digits">
      <xsl:with-param name="s" select="format-number($n, '#,##0')"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Width of a table column holding a short instant (11月25日 13時00分). -->
  <xsl:variable name="time-width">
    <xsl:choose>
      <xsl:when test="/context/organization/@digits = 'full'">50mm</xsl:when>
      <xsl:otherwise>36mm</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- Width of a table column holding a date (令和8年11月25日). -->
  <xsl:variable name="date-width">
    <xsl:choose>
      <xsl:when test="/context/organization/@digits = 'full'">44mm</xsl:when>
      <xsl:otherwise>32mm</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- An instant (2026-11-25T09:10; kobun's loader has already written
       every instant in Japan time): 令和8年11月25日 9時10分. short='true'
       leaves out the era and year when the instant falls in the year of
       the issue date: 11月25日 9時10分. -->
  <xsl:template name="instant">
    <xsl:param name="at"/>
    <xsl:param name="short" select="'false'"/>
    <xsl:variable name="date" select="substring($at, 1, 10)"/>
    <xsl:variable name="wareki">
      <xsl:call-template name="date">
        <xsl:with-param name="iso" select="$date"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$short = 'true' and substring($date, 1, 4) = substring(/context/@issue-date, 1, 4)">
        <xsl:value-of select="substring-after($wareki, '年')"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$wareki"/></xsl:otherwise>
    </xsl:choose>
    <xsl:text> </xsl:text>
    <xsl:call-template name="digits">
      <xsl:with-param name="s"
          select="concat(number(substring($at, 12, 2)), '時', substring($at, 15, 2), '分')"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A duration in minutes: 430 → 7時間10分. -->
  <xsl:template name="duration">
    <xsl:param name="minutes"/>
    <xsl:variable name="h" select="floor($minutes div 60)"/>
    <xsl:variable name="m" select="$minutes mod 60"/>
    <xsl:call-template name="digits">
      <xsl:with-param name="s">
        <xsl:if test="$h &gt; 0"><xsl:value-of select="concat(format-number($h, '#,##0'), '時間')"/></xsl:if>
        <xsl:if test="$m &gt; 0 or $h = 0"><xsl:value-of select="concat($m, '分')"/></xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- 種別, 重要度, 状況 -->
  <xsl:template name="category-name">
    <xsl:param name="c" select="/context/incident/@category"/>
    <xsl:choose>
      <xsl:when test="$c = 'malware'">マルウェア感染</xsl:when>
      <xsl:when test="$c = 'unauthorized-access'">不正アクセス</xsl:when>
      <xsl:when test="$c = 'information-leak'">情報漏えい</xsl:when>
      <xsl:when test="$c = 'loss-theft'">紛失・盗難</xsl:when>
      <xsl:when test="$c = 'misdelivery'">誤送付・誤送信</xsl:when>
      <xsl:when test="$c = 'misconfiguration'">設定誤り</xsl:when>
      <xsl:when test="$c = 'service-outage'">サービス停止</xsl:when>
      <xsl:otherwise>その他</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="severity-name">
    <xsl:param name="s" select="/context/incident/@severity"/>
    <xsl:call-template name="digits">
      <xsl:with-param name="s" select="$s"/>
    </xsl:call-template>
    <xsl:choose>
      <xsl:when test="$s = 1">（軽微）</xsl:when>
      <xsl:when test="$s = 2">（中）</xsl:when>
      <xsl:when test="$s = 3">（高）</xsl:when>
      <xsl:when test="$s = 4">（重大）</xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="status-name">
    <xsl:param name="s" select="/context/incident/@status"/>
    <xsl:choose>
      <xsl:when test="$s = 'open'">対応中</xsl:when>
      <xsl:when test="$s = 'contained'">封じ込め済み</xsl:when>
      <xsl:when test="$s = 'resolved'">解決</xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- The incident's title as a subject: without a closing 「について」. -->
  <xsl:template name="subject">
    <xsl:variable name="t" select="normalize-space(/context/incident/title)"/>
    <xsl:variable name="n" select="string-length($t)"/>
    <xsl:choose>
      <xsl:when test="$n &gt; 4 and substring($t, $n - 3) = 'について'">
        <xsl:value-of select="substring($t, 1, $n - 4)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$t"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The title of a report on the incident: its own title, so that every
       report names the case (「…について（報告）」, or 「…の発生について（報告）」
       for a title that is a bare noun). -->
  <xsl:template name="report-title">
    <xsl:variable name="t" select="normalize-space(/context/incident/title)"/>
    <xsl:choose>
      <xsl:when test="substring($t, string-length($t) - 3) = 'について'">
        <xsl:value-of select="concat($t, '（報告）')"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="concat($t, 'の発生について（報告）')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- 【第n報】 over the report's title. -->
  <xsl:template name="report-title-block">
    <xsl:param name="full-title"/>
    <title>
      <xsl:call-template name="correction"/>
      <xsl:text>【</xsl:text>
      <xsl:call-template name="digits">
        <xsl:with-param name="s" select="/context/policy/@label"/>
      </xsl:call-template>
      <xsl:text>】</xsl:text>
      <br/>
      <xsl:value-of select="$full-title"/>
    </title>
  </xsl:template>

  <!-- A text element as paragraphs for a form row (no first-line indent
       when it is a single paragraph), or the fallback when it is empty. -->
  <xsl:template name="row-text">
    <xsl:param name="node"/>
    <xsl:param name="none" select="''"/>
    <xsl:choose>
      <xsl:when test="$node/p[normalize-space(.) != '']">
        <xsl:for-each select="$node/p[normalize-space(.) != '']">
          <p align="justify"><xsl:value-of select="normalize-space(.)"/></p>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="$node and normalize-space($node) != ''">
        <p align="justify"><xsl:value-of select="normalize-space($node)"/></p>
      </xsl:when>
      <xsl:otherwise><p><xsl:value-of select="$none"/></p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- 発生部署: 健康福祉部　健康増進課 -->
  <xsl:template name="division-line">
    <xsl:variable name="i" select="/context/incident"/>
    <xsl:value-of select="$i/@department-name"/>
    <xsl:if test="$i/@department-name and $i/@division-name"><xsl:text>　</xsl:text></xsl:if>
    <xsl:value-of select="$i/@division-name"/>
  </xsl:template>

  <!-- 関係システム: names joined with 、, or なし. -->
  <xsl:template name="systems-line">
    <xsl:variable name="names" select="/context/incident/system-names/name"/>
    <xsl:choose>
      <xsl:when test="$names">
        <xsl:for-each select="$names">
          <xsl:if test="position() &gt; 1">、</xsl:if>
          <xsl:value-of select="normalize-space(.)"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>なし</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- 本人の数: 148人, or なし. -->
  <xsl:template name="persons">
    <xsl:variable name="n" select="/context/incident/impact/@personal-records"/>
    <xsl:choose>
      <xsl:when test="number($n) &gt; 0">
        <xsl:call-template name="count">
          <xsl:with-param name="n" select="$n"/>
        </xsl:call-template>
        <xsl:text>人</xsl:text>
      </xsl:when>
      <xsl:otherwise>なし</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- What a field the record leaves out prints, in every document alike. -->
  <xsl:variable name="to-fill" select="'（記録なし・要記入）'"/>
  <!-- What a field withheld from the document's audience prints. -->
  <xsl:variable name="withheld" select="'（記載省略）'"/>

  <!-- A part of <personal-data> (items, secondary-damage, persons-notice)
       as the context gives it: its text, （記載省略） when its label hides
       it, else 要記入. -->
  <xsl:template name="personal-part">
    <xsl:param name="name"/>
    <xsl:variable name="pd" select="/context/incident/personal-data"/>
    <xsl:variable name="part" select="$pd/*[local-name() = $name]"/>
    <xsl:choose>
      <xsl:when test="$pd/@state = 'withheld' or $part/@state = 'withheld'">
        <xsl:value-of select="$withheld"/>
      </xsl:when>
      <xsl:when test="$part/@state = 'given'"><xsl:value-of select="normalize-space($part)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$to-fill"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- 公表の実施状況: 「令和8年11月25日に公表」, 未公表, （記載省略）, or 要記入. -->
  <xsl:template name="published-line">
    <xsl:variable name="pd" select="/context/incident/personal-data"/>
    <xsl:choose>
      <xsl:when test="$pd/@state = 'withheld' or $pd/published/@state = 'withheld'">
        <xsl:value-of select="$withheld"/>
      </xsl:when>
      <xsl:when test="$pd/published/@state = 'given'">
        <xsl:call-template name="date">
          <xsl:with-param name="iso" select="$pd/published/@on"/>
        </xsl:call-template>
        <xsl:text>に公表</xsl:text>
      </xsl:when>
      <xsl:when test="$pd/published/@state = 'not-published'">未公表</xsl:when>
      <xsl:otherwise><xsl:value-of select="$to-fill"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The rows of 個人情報の漏えい等 (個人情報保護法施行規則第43条の項目):
       the same four facts in the CIO, authority and PPC documents. -->
  <xsl:template name="personal-data-rows">
    <row label="漏えい等した個人情報の項目">
      <p><xsl:call-template name="personal-part"><xsl:with-param name="name" select="'items'"/></xsl:call-template></p>
    </row>
    <row label="二次被害又はそのおそれの有無及びその内容">
      <p><xsl:call-template name="personal-part"><xsl:with-param name="name" select="'secondary-damage'"/></xsl:call-template></p>
    </row>
    <row label="本人への対応の実施状況">
      <p><xsl:call-template name="personal-part"><xsl:with-param name="name" select="'persons-notice'"/></xsl:call-template></p>
    </row>
    <row label="公表の実施状況">
      <p><xsl:call-template name="published-line"/></p>
    </row>
  </xsl:template>

  <!-- 影響範囲 as paragraphs for a form row: 本人の数 and 要配慮個人情報;
       then the other flags of the record, only those it sets (true, or
       for encryption stated either way); then 外部への影響 and サービス停止
       時間. -->
  <xsl:template name="impact-rows">
    <xsl:variable name="im" select="/context/incident/impact"/>
    <p>
      <xsl:text>本人の数：</xsl:text>
      <xsl:call-template name="persons"/>
      <xsl:text>　要配慮個人情報：</xsl:text>
      <xsl:choose>
        <xsl:when test="$im/@sensitive = 'true'">あり</xsl:when>
        <xsl:otherwise>なし</xsl:otherwise>
      </xsl:choose>
    </p>
    <xsl:if test="$im/@ordinance-sensitive = 'true' or $im/@my-number = 'true'
                  or $im/@property-damage-risk = 'true' or $im/@unauthorized-purpose = 'true'
                  or $im/@encrypted">
      <p>
        <xsl:if test="$im/@ordinance-sensitive = 'true'">
          <nobr>条例要配慮個人情報：あり</nobr><xsl:text>　</xsl:text>
        </xsl:if>
        <xsl:if test="$im/@my-number = 'true'">
          <nobr>特定個人情報：あり</nobr><xsl:text>　</xsl:text>
        </xsl:if>
        <xsl:if test="$im/@property-damage-risk = 'true'">
          <nobr>財産的被害のおそれ：あり</nobr><xsl:text>　</xsl:text>
        </xsl:if>
        <xsl:if test="$im/@unauthorized-purpose = 'true'">
          <nobr>不正の目的によるおそれ：あり</nobr><xsl:text>　</xsl:text>
        </xsl:if>
        <xsl:if test="$im/@encrypted">
          <nobr>
            <xsl:text>暗号化等の保護措置：</xsl:text>
            <xsl:choose>
              <xsl:when test="$im/@encrypted = 'true'">あり</xsl:when>
              <xsl:otherwise>なし</xsl:otherwise>
            </xsl:choose>
          </nobr>
        </xsl:if>
      </p>
    </xsl:if>
    <p>
      <xsl:text>外部への影響：</xsl:text>
      <xsl:choose>
        <xsl:when test="$im/@external = 'true'">あり</xsl:when>
        <xsl:otherwise>なし</xsl:otherwise>
      </xsl:choose>
      <xsl:text>　サービス停止時間：</xsl:text>
      <xsl:choose>
        <xsl:when test="number($im/@service-down-minutes) &gt; 0">
          <xsl:call-template name="duration">
            <xsl:with-param name="minutes" select="number($im/@service-down-minutes)"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>なし</xsl:otherwise>
      </xsl:choose>
    </p>
  </xsl:template>

  <!-- 経過 as paragraphs for a form row: 「11月25日 9時10分　…」, wrapped
       lines hanging under the text. -->
  <xsl:template name="timeline-rows">
    <xsl:param name="none" select="'なし'"/>
    <xsl:variable name="ev" select="/context/incident/timeline/event[normalize-space(.) != '']"/>
    <xsl:choose>
      <xsl:when test="$ev">
        <xsl:for-each select="$ev">
          <p hanging="1">
            <nobr>
              <xsl:call-template name="instant">
                <xsl:with-param name="at" select="@at"/>
                <xsl:with-param name="short" select="'true'"/>
              </xsl:call-template>
            </nobr>
            <xsl:text>　</xsl:text>
            <xsl:value-of select="normalize-space(.)"/>
          </p>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise><p><xsl:value-of select="$none"/></p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- 経過 as a table: 日時 | 内容. -->
  <xsl:template name="timeline-table">
    <xsl:variable name="ev" select="/context/incident/timeline/event[normalize-space(.) != '']"/>
    <table borders="all">
      <col width="{$time-width}" align="left"/>
      <col width="1*"/>
      <thead><tr><th>日時</th><th>内容</th></tr></thead>
      <tbody>
        <xsl:for-each select="$ev">
          <tr>
            <td>
              <xsl:call-template name="instant">
                <xsl:with-param name="at" select="@at"/>
                <xsl:with-param name="short" select="'true'"/>
              </xsl:call-template>
            </td>
            <td><xsl:value-of select="normalize-space(.)"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <!-- 「（このことについて、）…規程（incident-report）の規定により、下記のとおり
       報告します。」; a follow-up opens with the report it follows:
       「令和8年11月4日付け亀情政第8号で報告した標記の件について、…」. -->
  <xsl:template name="report-body">
    <xsl:param name="opening" select="''"/>
    <p align="justify" indent="1">
      <xsl:choose>
        <!-- 第2報以降・最終報: the report it follows, to the same addressee -->
        <xsl:when test="/context/cites">
          <xsl:call-template name="cited"/>
          <xsl:text>報告した標記の件について、</xsl:text>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$opening"/></xsl:otherwise>
      </xsl:choose>
      <xsl:value-of select="/context/organization/regulation/@title"/>
      <xsl:call-template name="digits">
        <xsl:with-param name="s" select="string($articles[@key = 'incident-report']/@cite)"/>
      </xsl:call-template>
      <xsl:text>の規定により、下記のとおり報告します。</xsl:text>
    </p>
  </xsl:template>

  <!-- The rows every incident report shares (D7 and D9), from 報告区分 to
       再発防止策. -->
  <xsl:template name="fact-rows">
    <xsl:variable name="i" select="/context/incident"/>
    <row label="報告区分">
      <xsl:call-template name="digits">
        <xsl:with-param name="s" select="/context/policy/@label"/>
      </xsl:call-template>
    </row>
    <row label="件名"><xsl:value-of select="normalize-space($i/title)"/></row>
    <row label="発生日時">
      <xsl:choose>
        <xsl:when test="$i/occurred/@at">
          <xsl:call-template name="instant">
            <xsl:with-param name="at" select="$i/occurred/@at"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>調査中</xsl:otherwise>
      </xsl:choose>
    </row>
    <row label="認知日時・認知者">
      <p>
        <xsl:choose>
          <xsl:when test="$i/recognized/@at">
            <xsl:call-template name="instant">
              <xsl:with-param name="at" select="$i/recognized/@at"/>
            </xsl:call-template>
          </xsl:when>
          <xsl:when test="/context/policy/@recognized">
            <xsl:call-template name="date">
              <xsl:with-param name="iso" select="/context/policy/@recognized"/>
            </xsl:call-template>
          </xsl:when>
          <!-- <recognized> is labelled for a narrower audience. -->
          <xsl:otherwise><xsl:value-of select="$withheld"/></xsl:otherwise>
        </xsl:choose>
      </p>
      <xsl:if test="$i/@recognized-by">
        <p><xsl:value-of select="$i/@recognized-by"/></p>
      </xsl:if>
    </row>
    <row label="発生部署"><xsl:call-template name="division-line"/></row>
    <row label="関係システム"><xsl:call-template name="systems-line"/></row>
    <row label="種別"><xsl:call-template name="category-name"/></row>
    <row label="重要度"><xsl:call-template name="severity-name"/></row>
    <row label="状況"><xsl:call-template name="status-name"/></row>
    <row label="概要">
      <xsl:call-template name="row-text">
        <xsl:with-param name="node" select="$i/summary"/>
        <xsl:with-param name="none" select="'調査中'"/>
      </xsl:call-template>
    </row>
    <xsl:if test="$i/impact">
      <row label="影響範囲"><xsl:call-template name="impact-rows"/></row>
    </xsl:if>
    <xsl:if test="number($i/impact/@personal-records) &gt; 0 or $i/personal-data/@state != 'absent'">
      <xsl:call-template name="personal-data-rows"/>
    </xsl:if>
    <row label="原因">
      <xsl:call-template name="row-text">
        <xsl:with-param name="node" select="$i/cause"/>
        <xsl:with-param name="none" select="'調査中'"/>
      </xsl:call-template>
    </row>
    <row label="経過"><xsl:call-template name="timeline-rows"/></row>
    <row label="対応状況">
      <xsl:call-template name="row-text">
        <xsl:with-param name="node" select="$i/response"/>
        <xsl:with-param name="none" select="'調整中'"/>
      </xsl:call-template>
    </row>
    <row label="再発防止策">
      <xsl:call-template name="row-text">
        <xsl:with-param name="node" select="$i/prevention"/>
        <xsl:with-param name="none" select="'検討中'"/>
      </xsl:call-template>
    </row>
  </xsl:template>
</xsl:stylesheet>
