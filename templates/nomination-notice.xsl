<?xml version="1.0" encoding="UTF-8"?>
<!-- nomination-notice.xsl — 指名通知: the nominator tells the nominee of the
     nomination, citing the article that empowers them (D1 of
     research/japanese-documents.md). Input: the context document of a
     nomination; output: kobun's document vocabulary (docs/vocabulary.md). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:kb="urn:kobun:xslt"
    exclude-result-prefixes="kb">
  <xsl:import href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:template match="/context">
    <xsl:variable name="n" select="nomination"/>
    <!-- 「DX推進部会の部会員の指名について（通知）」 for a body, else 「DX推進員の…」 -->
    <xsl:variable name="what">
      <xsl:if test="$n/body"><xsl:value-of select="concat($n/body/@name, 'の')"/></xsl:if>
      <xsl:value-of select="$n/@role"/>
    </xsl:variable>
    <xsl:variable name="title" select="concat($what, 'の指名について（通知）')"/>
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
        <xsl:value-of select="organization/regulation/@title"/>
        <xsl:value-of select="$n/@article"/>
        <xsl:text>の規定により、あなたを下記のとおり</xsl:text>
        <xsl:value-of select="$what"/>
        <xsl:text>に指名します。</xsl:text>
      </p>
      <ki/>
      <items numbering="arabic">
        <item label="指名日">
          <xsl:call-template name="date">
            <xsl:with-param name="iso" select="$n/@date"/>
          </xsl:call-template>
        </item>
        <xsl:if test="$n/body">
          <item label="{substring('部会名会議名', 1 + 3 * number($n/body/@kind = 'working-group'), 3)}">
            <xsl:value-of select="$n/body/@name"/>
          </item>
        </xsl:if>
        <item label="所属">
          <xsl:value-of select="$n/nominee/@department"/>
          <xsl:if test="$n/nominee/@department"><xsl:text>　</xsl:text></xsl:if>
          <xsl:value-of select="$n/nominee/@unit"/>
        </item>
        <item label="職氏名">
          <xsl:value-of select="concat($n/nominee/@post, '　', $n/nominee/@name)"/>
        </item>
        <xsl:if test="$n/@until">
          <item label="任期">
            <xsl:call-template name="date">
              <xsl:with-param name="iso" select="$n/@until"/>
            </xsl:call-template>
            <xsl:text>まで</xsl:text>
          </item>
        </xsl:if>
        <xsl:if test="$n/reason">
          <item label="理由">
            <xsl:value-of select="normalize-space($n/reason)"/>
          </item>
        </xsl:if>
      </items>
      <xsl:if test="$n/note">
        <xsl:call-template name="text-paragraphs">
          <xsl:with-param name="node" select="$n/note"/>
        </xsl:call-template>
      </xsl:if>
      <ijo/>
      <xsl:apply-templates select="contact"/>
    </document>
  </xsl:template>
</xsl:stylesheet>
