<?xml version="1.0" encoding="UTF-8"?>
<!-- appointment-letter.xsl — 辞令: the vertical letter appointing the
     CIO補佐官 (cio-assistant; D6 and §1.4 of research/japanese-documents.md).
     Columns right to left: 前書 (the appointee), 本文 (任命 or 委嘱, and 任期),
     末文 (date, appointing authority and the 公印). Numbers in 漢数字 with
     十 written out; no 。 after 任命する; a 辞令 carries no 文書番号.
     Input: the context document of the appointment; output: kobun's
     document vocabulary (docs/vocabulary.md). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:kb="urn:kobun:xslt"
    exclude-result-prefixes="kb">
  <xsl:import href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:template match="/context">
    <xsl:variable name="a" select="appointment"/>
    <document>
      <xsl:call-template name="document-attributes">
        <xsl:with-param name="title" select="concat('辞令（', $a/@role-title, '）')"/>
      </xsl:call-template>
      <page size="A4" orientation="portrait" writing="vertical"
            margin-top="40" margin-bottom="40" margin-left="35" margin-right="35"
            body-size="16" line-spacing="2">
        <xsl:call-template name="page-house"/>
      </page>
      <!-- The 文書番号 the register gives, small in the top margin, clear of the columns. -->
      <!-- 【訂正】 before it when the 辞令 is issued again (kobun build with its reissue option). -->
      <xsl:choose>
        <xsl:when test="/context/@number">
          <header align="right"><xsl:call-template name="correction"/><xsl:value-of select="/context/@number"/></header>
        </xsl:when>
        <!-- no 文書記号 for its sender: a blank for the number written by hand -->
        <xsl:when test="/context/@number-by-hand = 'true'">
          <header align="right"><xsl:call-template name="correction"/>第　　号</header>
        </xsl:when>
      </xsl:choose>
      <!-- 前書: the present post, if any, then the name. -->
      <xsl:if test="string($a/appointee/@post)">
        <column indent="1"><xsl:value-of select="$a/appointee/@post"/></column>
      </xsl:if>
      <column indent="3" size="20"><xsl:value-of select="$a/appointee/@name"/></column>
      <vspace lines="1.5"/>
      <!-- 本文 -->
      <!-- @act, chosen in C from the roster: 委嘱 to someone holding no
           post of the organization that day (an outside expert), else 任命. -->
      <column indent="1">
        <xsl:choose>
          <xsl:when test="$a/@act = '委嘱'">
            <xsl:value-of select="concat($a/@role-title, 'を委嘱する')"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="concat($a/@role-title, 'に任命する')"/>
          </xsl:otherwise>
        </xsl:choose>
      </column>
      <xsl:if test="$a/@until">
        <column indent="1">
          <xsl:text>任期は</xsl:text>
          <xsl:value-of select="kb:wareki($a/@until, 'kanji')"/>
          <xsl:text>までとする</xsl:text>
        </column>
      </xsl:if>
      <vspace lines="5"/>
      <!-- 末文: the date of the appointment, the authority and its seal. -->
      <column indent="2"><xsl:value-of select="kb:wareki(@issue-date, 'kanji')"/></column>
      <column align="bottom" indent="2"><xsl:value-of select="sender/@line"/></column>
      <seal-box/>
    </document>
  </xsl:template>
</xsl:stylesheet>
