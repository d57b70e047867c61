<?xml version="1.0" encoding="UTF-8"?>
<!-- common.xsl — parts every notice shares: the document element, the
     letterhead, 記/以上 and the 担当 block. Imported by each kind's template.
     Everything printed comes from the context document; nothing about a
     particular municipality is written here. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:kb="urn:kobun:xslt"
    exclude-result-prefixes="kb">

  <!-- The regulation as a profile: the citation of each provision by its
       key (article[@key='incident-report']/@cite), as organization.xml
       numbers them (docs/input-format.md, <regulation>). Templates never
       write an article number of the regulation themselves. -->
  <xsl:variable name="articles" select="/context/organization/regulation/article"/>

  <!-- 「第N条第M項」 for a system plan: a new system's provision; a renewal
       or modification cites the provision that applies it, 「…において準用する
       同条第1項」 (同条 when both lie in one article). -->
  <xsl:template name="plan-article">
    <xsl:param name="kind"/>
    <xsl:variable name="new" select="string($articles[@key = 'system-plan']/@cite)"/>
    <xsl:variable name="renewal" select="string($articles[@key = 'system-plan-renewal']/@cite)"/>
    <xsl:choose>
      <xsl:when test="$kind = 'new'"><nobr><xsl:value-of select="$new"/></nobr></xsl:when>
      <xsl:otherwise>
        <nobr><xsl:value-of select="$renewal"/></nobr>
        <xsl:text>において準用する</xsl:text>
        <nobr>
          <xsl:choose>
            <xsl:when test="contains($new, '条') and
                            substring-before($new, '条') = substring-before($renewal, '条')">
              <xsl:value-of select="concat('同条', substring-after($new, '条'))"/>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="$new"/></xsl:otherwise>
          </xsl:choose>
        </nobr>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

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

  <!-- The house settings of <page>, inside it: latin-space (和欧間) when
       the organization's <policy> sets it (absent: solid, the default). -->
  <xsl:template name="page-house">
    <xsl:if test="/context/organization/@latin-space">
      <xsl:attribute name="latin-space">
        <xsl:value-of select="/context/organization/@latin-space"/>
      </xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- Letterhead: number and date top right, addressee left, sender right.
       The context gives the lines as printed (/context/addressee/@line,
       /context/sender/@line); seal follows the organization's policy. -->
  <xsl:template name="letterhead">
    <letterhead>
      <xsl:choose>
        <xsl:when test="/context/@number">
          <number><xsl:value-of select="/context/@number"/></number>
        </xsl:when>
        <!-- the sender has no 文書記号: a blank for the number written by hand -->
        <xsl:when test="/context/@number-by-hand = 'true'">
          <number>第　　号</number>
        </xsl:when>
      </xsl:choose>
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

  <!-- 【訂正】 opening the title of a document issued again under its
       number because its content changed (kobun build with its reissue option): the
       reader sees at once that it replaces the one sent before. -->
  <xsl:template name="correction">
    <xsl:if test="/context/@correction = 'true'">
      <xsl:text>【訂正】</xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- What a follow-up cites, as its first sentence names it:
       令和8年11月4日付け亀情政第8号で (令和8年11月4日付けで when the
       document cited had no number). From /context/cites. -->
  <xsl:template name="cited">
    <nobr>
      <xsl:call-template name="date">
        <xsl:with-param name="iso" select="/context/cites/@date"/>
      </xsl:call-template>
    </nobr>
    <xsl:text>付け</xsl:text>
    <xsl:if test="/context/cites/@number">
      <nobr><xsl:value-of select="/context/cites/@number"/></nobr>
    </xsl:if>
    <xsl:text>で</xsl:text>
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
  <!-- An amount of money with 3-digit comma grouping and its unit:
       86,400,000円. Grouping is done on the digit string itself, so any
       length is exact; an amount that is not a plain whole number is
       printed as it stands. Full-width digits when the organization's
       policy asks for them. -->
  <xsl:template name="yen">
    <xsl:param name="amount"/>
    <xsl:param name="currency" select="'JPY'"/>
    <xsl:variable name="s" select="normalize-space($amount)"/>
    <xsl:variable name="sign" select="substring('-', 1, number(starts-with($s, '-')))"/>
    <xsl:variable name="digits" select="substring($s, 1 + string-length($sign))"/>
    <xsl:variable name="text">
      <xsl:choose>
        <xsl:when test="string-length($digits) &gt; 0 and translate($digits, '0123456789', '') = ''">
          <xsl:value-of select="$sign"/>
          <xsl:call-template name="group-digits">
            <xsl:with-param name="digits" select="$digits"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
      </xsl:choose>
      <xsl:choose>
        <xsl:when test="$currency = 'JPY' or $currency = ''">円</xsl:when>
        <xsl:otherwise><xsl:value-of select="concat(' ', $currency)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="/context/organization/@digits = 'full'">
        <xsl:value-of select="translate(kb:zenkaku(string($text)), ',-', '，－')"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "1234567" → "1,234,567" (used by yen). -->
  <xsl:template name="group-digits">
    <xsl:param name="digits"/>
    <xsl:variable name="n" select="string-length($digits)"/>
    <xsl:choose>
      <xsl:when test="$n &gt; 3">
        <xsl:call-template name="group-digits">
          <xsl:with-param name="digits" select="substring($digits, 1, $n - 3)"/>
        </xsl:call-template>
        <xsl:value-of select="concat(',', substring($digits, $n - 2))"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$digits"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The system a system plan (system-plan) is about: its registered name for a
       renewal or modification of an existing system, else the plan's name. -->
  <xsl:template name="system-plan-name">
    <xsl:param name="plan" select="/context/system-plan"/>
    <xsl:choose>
      <xsl:when test="string($plan/@system-name)">
        <xsl:value-of select="$plan/@system-name"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="normalize-space($plan/name)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- What a system plan does: 導入 (new), 更新 (renewal), 改修 (modification). -->
  <xsl:template name="system-plan-act">
    <xsl:param name="plan" select="/context/system-plan"/>
    <xsl:choose>
      <xsl:when test="$plan/@kind = 'renewal'">更新</xsl:when>
      <xsl:when test="$plan/@kind = 'modification'">改修</xsl:when>
      <xsl:otherwise>導入</xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
