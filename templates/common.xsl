<?xml version="1.0" encoding="UTF-8"?>
<!-- common.xsl — parts every notice shares: the document element, the
     letterhead, 記/以上 and the 担当 block. Imported by each kind's template.
     Everything printed comes from the context document; nothing about a
     particular municipality is written here. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:kb="urn:kobun:xslt"
    exclude-result-prefixes="kb">

  <!-- A date as the organization's policy writes it: 令和8年11月5日. -->
  <xsl:template name="date">
    <xsl:param name="iso"/>
    <xsl:choose>
      <xsl:when test="/context/organization/@digits = 'full'">
        <xsl:value-of select="kb:wareki($iso, 'full')"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="kb:wareki($iso)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The <document> element with its PDF metadata. -->
  <xsl:template name="document-attributes">
    <xsl:param name="title"/>
    <xsl:attribute name="title"><xsl:value-of select="$title"/></xsl:attribute>
    <xsl:attribute name="author"><xsl:value-of select="/context/organization/@name"/></xsl:attribute>
    <xsl:attribute name="subject">
      <xsl:value-of select="/context/organization/regulation/@title"/>
    </xsl:attribute>
    <xsl:attribute name="keywords">
      <xsl:value-of select="concat(/context/@kind, ' ', /context/@record)"/>
    </xsl:attribute>
    <xsl:attribute name="creator"><xsl:value-of select="/context/@generator"/></xsl:attribute>
    <xsl:attribute name="created"><xsl:value-of select="/context/@created"/></xsl:attribute>
  </xsl:template>

  <!-- Letterhead: number and date top right, addressee left, sender right.
       The context gives the lines as printed (/context/addressee/@line,
       /context/sender/@line); seal follows the organization's policy. -->
  <xsl:template name="letterhead">
    <letterhead>
      <xsl:if test="/context/@number">
        <number><xsl:value-of select="/context/@number"/></number>
      </xsl:if>
      <date>
        <xsl:call-template name="date">
          <xsl:with-param name="iso" select="/context/@issue-date"/>
        </xsl:call-template>
      </date>
      <addressee>
        <xsl:value-of select="/context/addressee/@line"/>
        <xsl:text>　</xsl:text>
        <xsl:value-of select="/context/addressee/@honorific"/>
      </addressee>
      <sender><xsl:value-of select="/context/sender/@line"/></sender>
      <xsl:choose>
        <xsl:when test="/context/organization/@seal = 'box'"><seal-box/></xsl:when>
        <xsl:otherwise><seal-omitted/></xsl:otherwise>
      </xsl:choose>
    </letterhead>
  </xsl:template>

  <!-- 担当: the handling division and how to reach it. -->
  <xsl:template match="contact">
    <contact>
      <line>
        <xsl:text>担当　</xsl:text>
        <xsl:value-of select="@department"/>
        <xsl:if test="@department"><xsl:text>　</xsl:text></xsl:if>
        <xsl:value-of select="@unit"/>
      </line>
      <xsl:if test="@phone">
        <line><xsl:text>電話　</xsl:text><xsl:value-of select="@phone"/></line>
      </xsl:if>
      <xsl:if test="@mail">
        <line><xsl:text>メール　</xsl:text><xsl:value-of select="@mail"/></line>
      </xsl:if>
    </contact>
  </xsl:template>

  <!-- Free text of a record: text, or <p> paragraphs. -->
  <xsl:template name="text-paragraphs">
    <xsl:param name="node"/>
    <xsl:param name="indent" select="'1'"/>
    <xsl:choose>
      <xsl:when test="$node/p">
        <xsl:for-each select="$node/p">
          <p align="justify" indent="{$indent}"><xsl:value-of select="normalize-space(.)"/></p>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <p align="justify" indent="{$indent}"><xsl:value-of select="normalize-space($node)"/></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
