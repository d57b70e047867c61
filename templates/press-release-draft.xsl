<?xml version="1.0" encoding="UTF-8"?>
<!-- press-release-draft.xsl — 報道発表資料（案）, D10 of
     research/japanese-documents.md (incident-report, §3): the draft of the
     city's public release on an incident. Public content only (the
     context holds nothing labelled, no detail and no disclosure); no
     document number, no seal; the draft marks (title line 「（案）」,
     watermark 案) come off in the final version. Input: the context
     document of an incident revision (audience public); output: kobun's
     document vocabulary (docs/vocabulary.md). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:kb="urn:kobun:xslt"
    exclude-result-prefixes="kb">
  <xsl:import href="incident-common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <!-- A numbered section heading: 「1　概要」. -->
  <xsl:template name="section">
    <xsl:param name="n"/>
    <xsl:param name="label"/>
    <heading level="1">
      <xsl:call-template name="digits">
        <xsl:with-param name="s" select="$n"/>
      </xsl:call-template>
      <xsl:text>　</xsl:text>
      <xsl:value-of select="$label"/>
    </heading>
  </xsl:template>

  <!-- Free text of the record under a section (one 字 in, like the
       heading's text), or a stock sentence. -->
  <xsl:template name="section-text">
    <xsl:param name="node"/>
    <xsl:param name="none"/>
    <xsl:choose>
      <xsl:when test="$node/p[normalize-space(.) != '']">
        <xsl:for-each select="$node/p[normalize-space(.) != '']">
          <p align="justify" left-indent="1" indent="1"><xsl:value-of select="normalize-space(.)"/></p>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="$node and normalize-space($node) != ''">
        <p align="justify" left-indent="1" indent="1"><xsl:value-of select="normalize-space($node)"/></p>
      </xsl:when>
      <xsl:otherwise>
        <p align="justify" left-indent="1" indent="1"><xsl:value-of select="$none"/></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="/context">
    <xsl:variable name="i" select="incident"/>
    <xsl:variable name="c" select="contact"/>
    <!-- 個人情報の漏えい等: the record counts persons or gives <personal-data>. -->
    <xsl:variable name="personal"
        select="number($i/impact/@personal-records) &gt; 0 or $i/personal-data/@state != 'absent'"/>
    <xsl:variable name="t" select="normalize-space($i/title)"/>
    <xsl:variable name="subject"><xsl:call-template name="subject"/></xsl:variable>
    <xsl:variable name="title">
      <xsl:choose>
        <xsl:when test="$subject != $t"><xsl:value-of select="$t"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="concat($t, 'について')"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="division">
      <xsl:value-of select="$c/@department"/>
      <xsl:value-of select="$c/@unit"/>
    </xsl:variable>
    <document>
      <xsl:call-template name="document-attributes">
        <xsl:with-param name="title" select="concat('報道発表資料（案）　', $title)"/>
      </xsl:call-template>
      <page size="A4" orientation="portrait">
        <xsl:call-template name="page-house"/>
      </page>
      <footer align="center"><page-number/> / <page-count/></footer>
      <watermark>案</watermark>

      <p align="right" font="gothic" size="12">報道発表資料（案）</p>
      <p align="right">
        <xsl:text>発表予定日　</xsl:text>
        <xsl:call-template name="date">
          <xsl:with-param name="iso" select="@issue-date"/>
        </xsl:call-template>
      </p>
      <p align="right">
        <xsl:text>担当　</xsl:text>
        <xsl:value-of select="concat(organization/@name, $division)"/>
        <xsl:if test="$c/@phone">
          <xsl:text>（電話　</xsl:text>
          <xsl:value-of select="$c/@phone"/>
          <xsl:text>）</xsl:text>
        </xsl:if>
      </p>

      <title><xsl:value-of select="$title"/></title>

      <p align="justify" indent="1">
        <xsl:text>このたび、</xsl:text>
        <xsl:value-of select="organization/@name"/>
        <xsl:value-of select="$i/@department-name"/>
        <xsl:value-of select="$i/@division-name"/>
        <xsl:text>において、</xsl:text>
        <xsl:value-of select="$subject"/>
        <xsl:choose>
          <xsl:when test="$i/@category = 'service-outage' or $i/@category = 'malware'
                          or $i/@category = 'unauthorized-access' or $i/@category = 'other'">が発生しました。</xsl:when>
          <xsl:otherwise>が判明しました。</xsl:otherwise>
        </xsl:choose>
        <xsl:text>関係する皆様をはじめ、市民の皆様に多大なご迷惑とご心配をおかけしますことを深くお詫び申し上げます。今後、再発防止に万全を期してまいります。</xsl:text>
      </p>

      <xsl:call-template name="section">
        <xsl:with-param name="n" select="1"/>
        <xsl:with-param name="label" select="'概要'"/>
      </xsl:call-template>
      <xsl:if test="$i/occurred/@at or $i/recognized/@at">
      <items>
        <xsl:if test="$i/occurred/@at">
          <item label="発生日時">
            <xsl:call-template name="instant">
              <xsl:with-param name="at" select="$i/occurred/@at"/>
            </xsl:call-template>
          </item>
        </xsl:if>
        <xsl:if test="$i/recognized/@at">
          <item label="判明日時">
            <xsl:call-template name="instant">
              <xsl:with-param name="at" select="$i/recognized/@at"/>
            </xsl:call-template>
          </item>
        </xsl:if>
      </items>
      </xsl:if>
      <xsl:call-template name="section-text">
        <xsl:with-param name="node" select="$i/summary"/>
        <xsl:with-param name="none" select="'現在、詳細を調査しています。'"/>
      </xsl:call-template>

      <xsl:call-template name="section">
        <xsl:with-param name="n" select="2"/>
        <xsl:with-param name="label" select="'経緯'"/>
      </xsl:call-template>
      <xsl:choose>
        <xsl:when test="$i/timeline/event[normalize-space(.) != '']">
          <xsl:call-template name="timeline-table"/>
        </xsl:when>
        <xsl:otherwise>
          <p align="justify" left-indent="1" indent="1">現在、経緯を確認しています。</p>
        </xsl:otherwise>
      </xsl:choose>

      <xsl:call-template name="section">
        <xsl:with-param name="n" select="3"/>
        <xsl:with-param name="label" select="'影響範囲（本人の数）'"/>
      </xsl:call-template>
      <items>
        <item label="本人の数">
          <xsl:call-template name="persons"/>
          <xsl:if test="$i/impact/@sensitive = 'true'">（要配慮個人情報を含む）</xsl:if>
        </item>
        <xsl:if test="$personal">
          <item label="個人情報の項目">
            <xsl:call-template name="personal-part">
              <xsl:with-param name="name" select="'items'"/>
            </xsl:call-template>
          </item>
        </xsl:if>
        <xsl:if test="number($i/impact/@service-down-minutes) &gt; 0">
          <item label="サービス停止時間">
            <xsl:call-template name="duration">
              <xsl:with-param name="minutes" select="number($i/impact/@service-down-minutes)"/>
            </xsl:call-template>
          </item>
        </xsl:if>
      </items>

      <xsl:call-template name="section">
        <xsl:with-param name="n" select="4"/>
        <xsl:with-param name="label" select="'原因'"/>
      </xsl:call-template>
      <xsl:call-template name="section-text">
        <xsl:with-param name="node" select="$i/cause"/>
        <xsl:with-param name="none" select="'現在、原因を調査しています。'"/>
      </xsl:call-template>

      <xsl:call-template name="section">
        <xsl:with-param name="n" select="5"/>
        <xsl:with-param name="label" select="'対応状況'"/>
      </xsl:call-template>
      <xsl:call-template name="section-text">
        <xsl:with-param name="node" select="$i/response"/>
        <xsl:with-param name="none" select="'現在、対応を進めています。'"/>
      </xsl:call-template>

      <xsl:if test="$personal">
        <xsl:call-template name="section">
          <xsl:with-param name="n" select="6"/>
          <xsl:with-param name="label" select="'二次被害の有無'"/>
        </xsl:call-template>
        <p align="justify" left-indent="1" indent="1">
          <xsl:call-template name="personal-part">
            <xsl:with-param name="name" select="'secondary-damage'"/>
          </xsl:call-template>
        </p>
      </xsl:if>

      <xsl:call-template name="section">
        <xsl:with-param name="n" select="6 + number($personal)"/>
        <xsl:with-param name="label" select="'再発防止策'"/>
      </xsl:call-template>
      <xsl:call-template name="section-text">
        <xsl:with-param name="node" select="$i/prevention"/>
        <xsl:with-param name="none" select="'再発防止策を検討しています。'"/>
      </xsl:call-template>

      <xsl:call-template name="section">
        <xsl:with-param name="n" select="7 + number($personal)"/>
        <xsl:with-param name="label" select="'問い合わせ先'"/>
      </xsl:call-template>
      <p left-indent="1"><xsl:value-of select="concat(organization/@name, $division)"/></p>
      <xsl:if test="$c/@phone">
        <p left-indent="1"><xsl:value-of select="concat('電話　', $c/@phone)"/></p>
      </xsl:if>
      <xsl:if test="$c/@mail">
        <p left-indent="1"><xsl:value-of select="concat('メール　', $c/@mail)"/></p>
      </xsl:if>
    </document>
  </xsl:template>
</xsl:stylesheet>
