<?xml version="1.0" encoding="UTF-8"?>
<!-- system-plan-decision.xsl — the CIO's answer (回答) to a 協議 under
     system-plan, citing the 協議書 (its date and number): 承認, 不承認 or
     条件付承認, sent back to the 課長 who planned the system. Input: the context document of a system plan with its
     <decision>; output: kobun's document vocabulary (docs/vocabulary.md). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:kb="urn:kobun:xslt"
    exclude-result-prefixes="kb">
  <xsl:import href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:template match="/context">
    <xsl:variable name="s" select="system-plan"/>
    <xsl:variable name="d" select="$s/decision"/>
    <xsl:variable name="system">
      <xsl:call-template name="system-plan-name"/>
    </xsl:variable>
    <xsl:variable name="act">
      <xsl:call-template name="system-plan-act"/>
    </xsl:variable>
    <!-- The answer to the 協議 (system-plan): （回答）, citing the 協議書. -->
    <xsl:variable name="title" select="concat($system, 'の', $act, 'について（回答）')"/>
    <document>
      <xsl:call-template name="document-attributes">
        <xsl:with-param name="title" select="$title"/>
      </xsl:call-template>
      <page size="A4" orientation="portrait">
        <xsl:call-template name="page-house"/>
      </page>
      <xsl:call-template name="letterhead"/>
      <title><xsl:call-template name="correction"/><xsl:value-of select="$title"/></title>
      <p align="justify" indent="1">
        <xsl:call-template name="cited"/>
        <xsl:text>協議のあった標記の件について、</xsl:text>
        <xsl:value-of select="organization/regulation/@title"/>
        <xsl:call-template name="plan-article">
          <xsl:with-param name="kind" select="$s/@kind"/>
        </xsl:call-template>
        <xsl:text>の規定により、下記のとおり回答します。</xsl:text>
      </p>
      <ki/>
      <list style="arabic">
        <li>
          <xsl:text>決定　</xsl:text>
          <xsl:choose>
            <xsl:when test="$d/@result = 'approved'">承認</xsl:when>
            <xsl:when test="$d/@result = 'rejected'">不承認</xsl:when>
            <xsl:otherwise>条件付承認</xsl:otherwise>
          </xsl:choose>
        </li>
        <!-- The decision's text: the conditions of a conditional approval,
             the reasons of a refusal, remarks on an approval. -->
        <xsl:if test="normalize-space($d)">
          <li>
            <xsl:choose>
              <xsl:when test="$d/@result = 'conditional'">条件</xsl:when>
              <xsl:when test="$d/@result = 'rejected'">理由</xsl:when>
              <xsl:otherwise>備考</xsl:otherwise>
            </xsl:choose>
            <xsl:choose>
              <xsl:when test="count($d/p) &gt; 1">
                <list style="paren">
                  <xsl:for-each select="$d/p">
                    <li><xsl:value-of select="normalize-space(.)"/></li>
                  </xsl:for-each>
                </list>
              </xsl:when>
              <xsl:otherwise>
                <br/>
                <xsl:value-of select="normalize-space($d)"/>
              </xsl:otherwise>
            </xsl:choose>
          </li>
        </xsl:if>
      </list>
      <ijo/>
      <xsl:apply-templates select="contact"/>
    </document>
  </xsl:template>
</xsl:stylesheet>
