<?xml version="1.0" encoding="UTF-8"?>
<!-- ppc-report-sheet.xsl — 個人情報保護委員会への漏えい等報告 入力用シート
     (D9, research/japanese-documents.md §2.2): an internal data sheet that
     mirrors the nine items of the PPC web form (個人情報保護法施行規則
     第44条) with the 速報 and 確報 due dates. Not a letter: no letterhead,
     no document number. Where the record says nothing the sheet says so,
     for the staff to fill in. Input: the context document of an incident
     revision (audience authorities); output: kobun's document vocabulary
     (docs/vocabulary.md). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:kb="urn:kobun:xslt"
    exclude-result-prefixes="kb">
  <xsl:import href="incident-common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <!-- A deadline line: 令和8年11月28日（認知から3日…）, or 要記入; then,
       once a <sent> records it, the day it was reported and the 受付番号. -->
  <xsl:template name="due">
    <xsl:param name="d"/>
    <xsl:choose>
      <xsl:when test="$d/@due">
        <xsl:call-template name="date">
          <xsl:with-param name="iso" select="$d/@due"/>
        </xsl:call-template>
        <xsl:if test="$d/@note">
          <xsl:call-template name="digits">
            <xsl:with-param name="s" select="concat('（', $d/@note, '）')"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:if test="$d/@done">
          <br/>
          <xsl:call-template name="date">
            <xsl:with-param name="iso" select="$d/@done"/>
          </xsl:call-template>
          <xsl:text>報告済み</xsl:text>
          <xsl:if test="$d/@ref">
            <xsl:text>（受付番号　</xsl:text>
            <xsl:value-of select="$d/@ref"/>
            <xsl:text>）</xsl:text>
          </xsl:if>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$to-fill"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="/context">
    <xsl:variable name="i" select="incident"/>
    <xsl:variable name="pol" select="policy"/>
    <xsl:variable name="im" select="$i/impact"/>
    <xsl:variable name="title" select="'個人情報保護委員会への漏えい等報告　入力用シート'"/>
    <document>
      <xsl:call-template name="document-attributes">
        <xsl:with-param name="title" select="$title"/>
      </xsl:call-template>
      <page size="A4" orientation="portrait">
        <xsl:call-template name="page-house"/>
      </page>
      <footer align="center"><page-number/> / <page-count/></footer>
      <mark>取扱注意</mark>
      <p align="right" space-before="1">
        <xsl:text>作成日　</xsl:text>
        <xsl:call-template name="date">
          <xsl:with-param name="iso" select="@issue-date"/>
        </xsl:call-template>
      </p>
      <p align="right">
        <xsl:text>管理番号　</xsl:text>
        <xsl:value-of select="@record"/>
        <xsl:call-template name="digits">
          <xsl:with-param name="s" select="concat('（', $pol/@label, '）')"/>
        </xsl:call-template>
      </p>
      <title><xsl:value-of select="$title"/></title>
      <p align="justify" indent="1">
        <xsl:call-template name="digits">
          <xsl:with-param name="s" select="'個人情報の保護に関する法律第68条第1項の規定による報告のため、同法施行規則第44条に掲げる事項を記録から転記したもの。報告は個人情報保護委員会の報告フォームにより行う。'"/>
        </xsl:call-template>
      </p>
      <items>
        <item label="報告区分">
          <xsl:choose>
            <xsl:when test="$pol/@final = 'true'">□速報　■確報</xsl:when>
            <!-- once the 速報 is on record, what remains is the 確報 -->
            <xsl:when test="$pol/deadlines/deadline[@kind = 'ppc-quick']/@done">□速報　■確報</xsl:when>
            <xsl:when test="/context/@revision = 1">■速報　□確報</xsl:when>
            <xsl:otherwise>□速報　□確報（要確認）</xsl:otherwise>
          </xsl:choose>
        </item>
        <item label="速報期限（目安）">
          <xsl:call-template name="due">
            <xsl:with-param name="d" select="$pol/deadlines/deadline[@kind = 'ppc-quick']"/>
          </xsl:call-template>
        </item>
        <item label="確報期限">
          <xsl:call-template name="due">
            <xsl:with-param name="d" select="$pol/deadlines/deadline[@kind = 'ppc-final']"/>
          </xsl:call-template>
        </item>
      </items>
      <space lines="0.5"/>
      <form label-width="44">
        <row label="概要">
          <p hanging="5">
            <xsl:text>件名：</xsl:text>
            <xsl:value-of select="normalize-space($i/title)"/>
          </p>
          <p hanging="5">
            <xsl:text>発生日時：</xsl:text>
            <xsl:choose>
              <xsl:when test="$i/occurred/@at">
                <xsl:call-template name="instant">
                  <xsl:with-param name="at" select="$i/occurred/@at"/>
                </xsl:call-template>
              </xsl:when>
              <xsl:otherwise><xsl:value-of select="$to-fill"/></xsl:otherwise>
            </xsl:choose>
          </p>
          <p hanging="5">
            <xsl:text>認知日時：</xsl:text>
            <xsl:choose>
              <xsl:when test="$i/recognized/@at">
                <xsl:call-template name="instant">
                  <xsl:with-param name="at" select="$i/recognized/@at"/>
                </xsl:call-template>
              </xsl:when>
              <xsl:when test="$pol/@recognized">
                <xsl:call-template name="date">
                  <xsl:with-param name="iso" select="$pol/@recognized"/>
                </xsl:call-template>
              </xsl:when>
              <xsl:otherwise><xsl:value-of select="$to-fill"/></xsl:otherwise>
            </xsl:choose>
          </p>
          <p hanging="5">
            <xsl:text>発生部署：</xsl:text>
            <xsl:call-template name="division-line"/>
          </p>
          <p hanging="3">
            <xsl:text>種別：</xsl:text>
            <xsl:call-template name="category-name"/>
          </p>
          <xsl:call-template name="row-text">
            <xsl:with-param name="node" select="$i/summary"/>
            <xsl:with-param name="none" select="$to-fill"/>
          </xsl:call-template>
          <xsl:if test="$i/timeline/event[normalize-space(.) != '']">
            <p>（経過）</p>
            <xsl:call-template name="timeline-rows"/>
          </xsl:if>
        </row>
        <row label="漏えい等した個人情報の項目">
          <p><xsl:call-template name="personal-part"><xsl:with-param name="name" select="'items'"/></xsl:call-template></p>
          <xsl:if test="$im/@sensitive = 'true'"><p>要配慮個人情報を含む。</p></xsl:if>
          <xsl:if test="$im/@ordinance-sensitive = 'true'"><p>条例要配慮個人情報を含む。</p></xsl:if>
          <xsl:if test="$im/@my-number = 'true'"><p>特定個人情報（個人番号を含む情報）を含む。</p></xsl:if>
          <xsl:if test="$im/@encrypted = 'false'"><p>暗号化等の保護措置は講じられていない。</p></xsl:if>
          <xsl:if test="$im/@encrypted = 'true'"><p>暗号化等の保護措置が講じられている。</p></xsl:if>
        </row>
        <row label="本人の数">
          <xsl:choose>
            <xsl:when test="number($im/@personal-records) &gt; 0">
              <xsl:call-template name="persons"/>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="$to-fill"/></xsl:otherwise>
          </xsl:choose>
        </row>
        <row label="原因">
          <xsl:call-template name="row-text">
            <xsl:with-param name="node" select="$i/cause"/>
            <xsl:with-param name="none" select="$to-fill"/>
          </xsl:call-template>
        </row>
        <row label="二次被害又はそのおそれの有無及びその内容">
          <p><xsl:call-template name="personal-part"><xsl:with-param name="name" select="'secondary-damage'"/></xsl:call-template></p>
          <xsl:if test="$im/@property-damage-risk = 'true'">
            <p>財産的被害が生じるおそれがある。</p>
          </xsl:if>
          <xsl:if test="$im/@unauthorized-purpose = 'true'">
            <p>不正の目的をもって行われたおそれがある。</p>
          </xsl:if>
        </row>
        <row label="本人への対応の実施状況">
          <p><xsl:call-template name="personal-part"><xsl:with-param name="name" select="'persons-notice'"/></xsl:call-template></p>
        </row>
        <row label="公表の実施状況">
          <p><xsl:call-template name="published-line"/></p>
        </row>
        <row label="再発防止のための措置">
          <xsl:call-template name="row-text">
            <xsl:with-param name="node" select="$i/prevention"/>
            <xsl:with-param name="none" select="$to-fill"/>
          </xsl:call-template>
        </row>
        <row label="その他参考となる事項">
          <p hanging="1">
            <xsl:text>重要度：</xsl:text>
            <xsl:call-template name="severity-name"/>
            <xsl:text>　状況：</xsl:text>
            <xsl:call-template name="status-name"/>
          </p>
          <xsl:if test="$pol/authorities/authority">
            <p hanging="1">
              <xsl:text>他の関係機関への報告：</xsl:text>
              <xsl:for-each select="$pol/authorities/authority">
                <xsl:if test="position() &gt; 1">、</xsl:if>
                <xsl:value-of select="@name"/>
              </xsl:for-each>
            </p>
          </xsl:if>
          <xsl:if test="$pol/@my-number = 'true'">
            <p hanging="1">
              <xsl:call-template name="digits">
                <xsl:with-param name="s" select="'特定個人情報を含むため、番号法第29条の4第1項の規定による報告も要する。'"/>
              </xsl:call-template>
            </p>
          </xsl:if>
        </row>
      </form>
      <space lines="1"/>
      <xsl:apply-templates select="contact"/>
    </document>
  </xsl:template>
</xsl:stylesheet>
