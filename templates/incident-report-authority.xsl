<?xml version="1.0" encoding="UTF-8"?>
<!-- incident-report-authority.xsl — 【第n報】「（件名）について（報告）」, D9 of research/japanese-documents.md (incident-report): the
     mayor reports an incident revision to one authority (the prefecture,
     a ministry). Facts only: the context already leaves out what is
     labelled cio and the disclosure decision, and this template prints no
     deadlines, no detail and no press handling. Input: the context
     document of an incident revision (audience authorities); output:
     kobun's document vocabulary (docs/vocabulary.md). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:kb="urn:kobun:xslt"
    exclude-result-prefixes="kb">
  <xsl:import href="incident-common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:template match="/context">
    <xsl:variable name="full-title">
      <xsl:call-template name="report-title"/>
    </xsl:variable>
    <xsl:variable name="title" select="concat($full-title, '（', policy/@label, '）')"/>
    <document>
      <xsl:call-template name="document-attributes">
        <xsl:with-param name="title" select="$title"/>
      </xsl:call-template>
      <page size="A4" orientation="portrait">
        <xsl:call-template name="page-house"/>
      </page>
      <footer align="center"><page-number/> / <page-count/></footer>
      <xsl:call-template name="letterhead"/>
      <xsl:call-template name="report-title-block">
        <xsl:with-param name="full-title" select="$full-title"/>
      </xsl:call-template>
      <xsl:call-template name="report-body">
        <xsl:with-param name="opening" select="'このことについて、'"/>
      </xsl:call-template>
      <ki/>
      <form>
        <xsl:call-template name="fact-rows"/>
      </form>
      <ijo/>
      <xsl:apply-templates select="contact"/>
    </document>
  </xsl:template>
</xsl:stylesheet>
