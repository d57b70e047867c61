<?xml version="1.0" encoding="UTF-8"?>
<!-- system-plan-consultation.xsl — 協議書: the 課長 who plans a new
     information system, or the renewal or modification of one, consults
     the CIO and asks for approval (system-plan; 第2項 applies it to
     更新・改修). Input: the context document of a system plan without a
     decision; output: kobun's document vocabulary (docs/vocabulary.md). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:kb="urn:kobun:xslt"
    exclude-result-prefixes="kb">
  <xsl:import href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:template match="/context">
    <xsl:variable name="s" select="system-plan"/>
    <xsl:variable name="system">
      <xsl:call-template name="system-plan-name"/>
    </xsl:variable>
    <xsl:variable name="act">
      <xsl:call-template name="system-plan-act"/>
    </xsl:variable>
    <xsl:variable name="title" select="concat($system, 'の', $act, 'について（協議）')"/>
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
        <xsl:text>このことについて、下記のとおり</xsl:text>
        <xsl:choose>
          <xsl:when test="$s/@kind = 'new'">情報システムを導入</xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="concat($system, 'を', $act)"/>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:text>したいので、</xsl:text>
        <xsl:value-of select="organization/regulation/@title"/>
        <xsl:call-template name="plan-article">
          <xsl:with-param name="kind" select="$s/@kind"/>
        </xsl:call-template>
        <xsl:text>の規定により</xsl:text>
        <xsl:text>協議します。ついては、御承認くださるようお願いします。</xsl:text>
      </p>
      <ki/>
      <form label-width="37">
        <!-- A change to a registered system is named in the title; the
             plan's own name is then its 件名. A new system's name is the
             plan's name. -->
        <row>
          <xsl:attribute name="label">
            <xsl:choose>
              <xsl:when test="string($s/@system-name)">件名</xsl:when>
              <xsl:otherwise>システム名</xsl:otherwise>
            </xsl:choose>
          </xsl:attribute>
          <xsl:value-of select="normalize-space($s/name)"/>
        </row>
        <row label="区分">
          <xsl:choose>
            <xsl:when test="$s/@kind = 'new'">
              <xsl:value-of select="concat('新規導入（', $articles[@key = 'system-plan']/@cite, '）')"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:value-of
                  select="concat($act, '（', $articles[@key = 'system-plan-renewal']/@cite, '）')"/>
            </xsl:otherwise>
          </xsl:choose>
        </row>
        <row label="所管課"><xsl:value-of select="$s/@division-name"/></row>
        <xsl:apply-templates select="$s/purpose" mode="row">
          <xsl:with-param name="label" select="'目的'"/>
        </xsl:apply-templates>
        <xsl:apply-templates select="$s/conformity" mode="row">
          <xsl:with-param name="label" select="'情報システム最適化指針への適合状況'"/>
        </xsl:apply-templates>
        <xsl:if test="$s/cost">
          <row label="概算経費">
            <xsl:call-template name="yen">
              <xsl:with-param name="amount" select="$s/cost"/>
              <xsl:with-param name="currency" select="string($s/cost/@currency)"/>
            </xsl:call-template>
          </row>
        </xsl:if>
      </form>
      <ijo/>
      <xsl:apply-templates select="contact"/>
    </document>
  </xsl:template>

  <!-- A free-text field as a form row: one paragraph, or its <p>s. -->
  <xsl:template match="*" mode="row">
    <xsl:param name="label"/>
    <row label="{$label}">
      <xsl:choose>
        <xsl:when test="p">
          <xsl:for-each select="p">
            <p align="justify" indent="1"><xsl:value-of select="normalize-space(.)"/></p>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <p align="justify"><xsl:value-of select="normalize-space(.)"/></p>
        </xsl:otherwise>
      </xsl:choose>
    </row>
  </xsl:template>
</xsl:stylesheet>
