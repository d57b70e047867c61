<?xml version="1.0" encoding="UTF-8"?>
<!-- nomination-report.xsl — DX推進員の指名報告: the 情報管理者 (課長) reports
     to the 情報政策課長 the 職氏名 of the DX推進員 just nominated (dx-report;
     D2 of research/japanese-documents.md). Input: the context document of a
     dx-promoter nomination; output: kobun's document vocabulary
     (docs/vocabulary.md). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:kb="urn:kobun:xslt"
    exclude-result-prefixes="kb">
  <xsl:import href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:template match="/context">
    <xsl:variable name="n" select="nomination"/>
    <xsl:variable name="title" select="concat($n/@role, 'の指名について（報告）')"/>
    <!-- The duty to report a DX推進員's nomination (dx-report). -->
    <xsl:variable name="article" select="string($articles[@key = 'dx-report']/@cite)"/>
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
        <nobr><xsl:value-of select="$article"/></nobr>
        <xsl:text>の規定により、下記のとおり</xsl:text>
        <xsl:value-of select="$n/@role"/>
        <xsl:text>を指名したので報告します。</xsl:text>
      </p>
      <ki/>
      <table borders="all">
        <col width="1.6*"/>
        <col width="1*" align="center"/>
        <col width="1.3*"/>
        <col width="1.6*" align="center"/>
        <col width="14mm" align="center"/>
        <thead>
          <tr><th>課等名</th><th>職名</th><th>氏名</th><th>指名日</th><th>区分</th></tr>
        </thead>
        <tbody>
          <tr>
            <td><xsl:value-of select="$n/nominee/@unit"/></td>
            <td><xsl:value-of select="$n/nominee/@post"/></td>
            <td><xsl:value-of select="$n/nominee/@name"/></td>
            <td>
              <nobr>
                <xsl:call-template name="date">
                  <xsl:with-param name="iso" select="$n/@date"/>
                </xsl:call-template>
              </nobr>
            </td>
            <td>
              <xsl:choose>
                <xsl:when test="$n/others/promoter">追加</xsl:when>
                <xsl:otherwise>新規</xsl:otherwise>
              </xsl:choose>
            </td>
          </tr>
        </tbody>
      </table>
      <!-- With 追加, say who already serves, so that the 情報政策課 can
           check its list of DX推進員 (the 体制表) against the report. -->
      <xsl:if test="$n/others/promoter">
        <p align="justify" hanging="2" size="9" space-before="0.5">
          <xsl:text>注　</xsl:text>
          <xsl:value-of select="$n/nominee/@unit"/>
          <xsl:text>には、既に</xsl:text>
          <xsl:for-each select="$n/others/promoter">
            <xsl:if test="position() &gt; 1"><xsl:text>及び</xsl:text></xsl:if>
            <nobr><xsl:value-of select="concat(@post, '　', @name)"/></nobr>
          </xsl:for-each>
          <xsl:text>が</xsl:text>
          <xsl:value-of select="$n/@role"/>
          <xsl:text>として指名されています。</xsl:text>
        </p>
      </xsl:if>
      <ijo/>
      <xsl:apply-templates select="contact"/>
    </document>
  </xsl:template>
</xsl:stylesheet>
