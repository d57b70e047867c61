<?xml version="1.0" encoding="UTF-8"?>
<!-- incident-report-cio.xsl — 情報セキュリティインシデントの報告（CIO宛）,
     D7 of research/japanese-documents.md (incident-report): the CSIRT reports an
     incident revision (第1報, 第2報 … 最終報) to the CIO, with every field
     including the cio-only detail, the reports owed to other bodies with
     their deadlines, and the press decision. Input: the context document
     of an incident revision (audience cio); output: kobun's document
     vocabulary (docs/vocabulary.md). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:kb="urn:kobun:xslt"
    exclude-result-prefixes="kb">
  <xsl:import href="incident-common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:template match="/context">
    <xsl:variable name="i" select="incident"/>
    <xsl:variable name="pol" select="policy"/>
    <xsl:variable name="full-title">
      <xsl:call-template name="report-title"/>
    </xsl:variable>
    <document>
      <xsl:call-template name="document-attributes">
        <xsl:with-param name="title" select="concat($full-title, '（', $pol/@label, '）')"/>
      </xsl:call-template>
      <page size="A4" orientation="portrait">
        <xsl:call-template name="page-house"/>
      </page>
      <footer align="center"><page-number/> / <page-count/></footer>
      <mark>取扱注意</mark>
      <xsl:call-template name="letterhead"/>
      <xsl:call-template name="report-title-block">
        <xsl:with-param name="full-title" select="$full-title"/>
      </xsl:call-template>
      <xsl:call-template name="report-body"/>
      <ki/>
      <form>
        <xsl:call-template name="fact-rows"/>
        <xsl:if test="normalize-space($i/detail) != ''">
          <row label="詳細">
            <xsl:call-template name="row-text">
              <xsl:with-param name="node" select="$i/detail"/>
            </xsl:call-template>
          </row>
        </xsl:if>
        <row label="関係機関への報告">
          <xsl:for-each select="$pol/authorities/authority">
            <p><xsl:value-of select="@name"/></p>
          </xsl:for-each>
          <xsl:if test="$pol/@ppc = 'true'">
            <p hanging="1">
              <xsl:call-template name="digits">
                <xsl:with-param name="s" select="'個人情報保護委員会（個人情報の保護に関する法律第68条第1項の規定による漏えい等報告）'"/>
              </xsl:call-template>
            </p>
            <xsl:if test="$pol/@my-number = 'true'">
              <p hanging="1">
                <xsl:call-template name="digits">
                  <xsl:with-param name="s" select="'※特定個人情報を含むため、番号法第29条の4第1項の規定による報告も要する。'"/>
                </xsl:call-template>
              </p>
            </xsl:if>
          </xsl:if>
          <xsl:if test="not($pol/authorities/authority) and $pol/@ppc != 'true'">
            <p>なし</p>
          </xsl:if>
        </row>
        <row label="公表">
          <xsl:variable name="why">
            <xsl:choose>
              <xsl:when test="contains($pol/@press-why, '（disclosure=')">
                <xsl:value-of select="substring-before($pol/@press-why, '（disclosure=')"/>
              </xsl:when>
              <xsl:otherwise><xsl:value-of select="$pol/@press-why"/></xsl:otherwise>
            </xsl:choose>
          </xsl:variable>
          <p>
            <xsl:choose>
              <xsl:when test="$pol/@press = 'true'">公表する</xsl:when>
              <xsl:otherwise>公表しない</xsl:otherwise>
            </xsl:choose>
            <xsl:if test="normalize-space($why) != '' and not(starts-with($why, '公表しない'))
                          and not(starts-with($why, '公表と判断'))">
              <xsl:value-of select="concat('（', normalize-space($why), '）')"/>
            </xsl:if>
          </p>
          <xsl:if test="normalize-space($i/disclosure/@reason) != ''">
            <p hanging="3">
              <xsl:text>理由：</xsl:text>
              <xsl:value-of select="normalize-space($i/disclosure/@reason)"/>
            </p>
          </xsl:if>
          <xsl:if test="$pol/@press = 'true'">
            <p>報道発表資料（案）は別添のとおり。</p>
          </xsl:if>
        </row>
      </form>
      <xsl:if test="$pol/deadlines/deadline">
        <p font="gothic" space-before="1" keep-with-next="true">報告期限（期限目安）</p>
        <table borders="all">
          <col width="1.25*"/>
          <col width="{$date-width}" align="center"/>
          <col width="1.25*"/>
          <col width="26mm" align="center"/>
          <thead><tr><th>報告</th><th>期限目安</th><th>算定の基準</th><th>状況</th></tr></thead>
          <tbody>
            <xsl:for-each select="$pol/deadlines/deadline">
              <tr>
                <td>
                  <xsl:call-template name="digits">
                    <xsl:with-param name="s" select="@what"/>
                  </xsl:call-template>
                </td>
                <td>
                  <xsl:call-template name="date">
                    <xsl:with-param name="iso" select="@due"/>
                  </xsl:call-template>
                </td>
                <td>
                  <xsl:call-template name="digits">
                    <xsl:with-param name="s" select="@note"/>
                  </xsl:call-template>
                </td>
                <td>
                  <xsl:choose>
                    <xsl:when test="@state = '期限超過'"><em><xsl:value-of select="@state"/></em></xsl:when>
                    <xsl:otherwise><nobr><xsl:value-of select="@state"/></nobr></xsl:otherwise>
                  </xsl:choose>
                  <!-- the day it was done, as the records show it (11月27日) -->
                  <xsl:if test="@done">
                    <xsl:variable name="full">
                      <xsl:call-template name="date">
                        <xsl:with-param name="iso" select="@done"/>
                      </xsl:call-template>
                    </xsl:variable>
                    <br/>
                    <nobr>
                      <xsl:choose>
                        <xsl:when test="substring(@done, 1, 4) = substring(/context/@issue-date, 1, 4) and contains($full, '年')">
                          <xsl:value-of select="substring-after($full, '年')"/>
                        </xsl:when>
                        <xsl:otherwise><xsl:value-of select="$full"/></xsl:otherwise>
                      </xsl:choose>
                    </nobr>
                  </xsl:if>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:if>
      <ijo/>
      <xsl:apply-templates select="contact"/>
    </document>
  </xsl:template>
</xsl:stylesheet>
