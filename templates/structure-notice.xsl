<?xml version="1.0" encoding="UTF-8"?>
<!-- structure-notice.xsl — 情報化推進体制の変更通知: after a personnel change
     the CIO tells 各情報責任者 which roles of the regulation changed hands
     (most are 充て職: the role follows the post), then gives the whole
     体制表 as of the date (D5 of research/japanese-documents.md).
     One notice per effective date: the appointments of the day (record,
     person, 異動内容), each role that changed with the appointment that
     changed it, then the roster.
     Input: the context document of a structure notice (<appointments>,
     <changes>, <roster>); output: kobun's document vocabulary
     (docs/vocabulary.md). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:kb="urn:kobun:xslt"
    exclude-result-prefixes="kb">
  <xsl:import href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:key name="group" match="roster/role" use="string(@group)"/>

  <xsl:template match="/context">
    <xsl:variable name="a" select="appointments"/>
    <xsl:variable name="title" select="'情報化推進体制の変更について（通知）'"/>
    <document>
      <xsl:call-template name="document-attributes">
        <xsl:with-param name="title" select="$title"/>
      </xsl:call-template>
      <page size="A4" orientation="portrait" line-spacing="1.5">
        <xsl:call-template name="page-house"/>
      </page>
      <footer align="center"><page-number/> / <page-count/></footer>
      <xsl:call-template name="letterhead"/>
      <title><xsl:call-template name="correction"/><xsl:value-of select="$title"/></title>
      <p align="justify" indent="1">
        <nobr>
          <xsl:call-template name="date">
            <xsl:with-param name="iso" select="$a/@date"/>
          </xsl:call-template>
        </nobr>
        <xsl:text>付けの人事異動等に伴い、</xsl:text>
        <xsl:value-of select="organization/regulation/@title"/>
        <xsl:text>の規定により職をもって充てる役割等の担当者が下記のとおり変更となったので通知します。</xsl:text>
      </p>
      <p align="justify" indent="1">ついては、部内の職員への周知をお願いします。</p>
      <ki/>

      <p keep-with-next="true">1　人事異動等</p>
      <table borders="all" font-size="9">
        <col width="30mm"/>
        <col width="30mm"/>
        <col width="1*"/>
        <thead>
          <tr><th>記録番号</th><th>氏名</th><th>異動内容</th></tr>
        </thead>
        <tbody>
          <xsl:for-each select="$a/appointment">
            <tr>
              <td><xsl:value-of select="@id"/></td>
              <td><xsl:value-of select="@name"/></td>
              <td><xsl:value-of select="@what"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>

      <p keep-with-next="true" space-before="1">2　変更された役割</p>
      <!-- One table per appointment, the appointment heading its thead (as
           the roster's groups below): a change is never printed away from
           the record that made it. -->
      <xsl:for-each select="$a/appointment[@id = /context/changes/change/@record]">
        <xsl:variable name="id" select="@id"/>
        <xsl:if test="position() &gt; 1"><space lines="0.5"/></xsl:if>
        <table borders="all" font-size="9">
          <col width="36mm"/>
          <col width="1*"/>
          <col width="22mm" align="center"/>
          <col width="24mm"/>
          <col width="1.6*"/>
          <thead>
            <tr><th colspan="5" align="left"><xsl:value-of select="concat(@id, '　', @name, '　', @what)"/></th></tr>
            <tr><th>役割</th><th>対象</th><th>根拠条項</th><th>変更前</th><th>変更後</th></tr>
          </thead>
          <tbody>
            <xsl:for-each select="/context/changes/change[@record = $id]">
              <tr>
                <td><xsl:value-of select="now/@role"/></td>
                <td><xsl:value-of select="now/@scope"/></td>
                <td><xsl:value-of select="now/@article"/></td>
                <td><xsl:value-of select="@before"/></td>
                <td><xsl:apply-templates select="now" mode="holder"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:for-each>
      <xsl:if test="not(changes/change)">
        <p indent="1">変更された役割はありません。</p>
      </xsl:if>

      <p keep-with-next="true" space-before="1">
        <xsl:text>3　体制表（</xsl:text>
        <xsl:call-template name="date">
          <xsl:with-param name="iso" select="roster/@date"/>
        </xsl:call-template>
        <xsl:text>現在）</xsl:text>
      </p>
      <!-- One table per group of the roster, the group's name heading its
           thead, so that the name repeats when a group runs onto the next
           page and never stays behind alone at the foot of one. -->
      <xsl:for-each select="roster/role[generate-id() = generate-id(key('group', string(@group))[1])]">
        <xsl:if test="position() &gt; 1"><space lines="0.5"/></xsl:if>
        <table borders="all" font-size="9">
          <col width="36mm"/>
          <col width="1.2*"/>
          <col width="1.3*"/>
          <col width="26mm"/>
          <col width="22mm" align="center"/>
          <thead>
            <xsl:if test="string(@group)">
              <tr><th colspan="5" align="left"><xsl:value-of select="@group"/></th></tr>
            </xsl:if>
            <tr><th>役割</th><th>対象</th><th>職</th><th>氏名</th><th>根拠条項</th></tr>
          </thead>
          <tbody>
            <xsl:apply-templates select="key('group', string(@group))" mode="roster"/>
          </tbody>
        </table>
      </xsl:for-each>
      <ijo/>
      <xsl:apply-templates select="contact"/>
    </document>
  </xsl:template>

  <!-- One row of the 体制表. -->
  <xsl:template match="role" mode="roster">
    <tr>
      <td><xsl:value-of select="@role"/></td>
      <!-- A body's own name is already in its group's heading. -->
      <td><xsl:if test="not(@scope = @group)"><xsl:value-of select="@scope"/></xsl:if></td>
      <xsl:choose>
        <xsl:when test="@vacant = 'true'">
          <td colspan="2"><xsl:apply-templates select="." mode="vacant"/></td>
        </xsl:when>
        <xsl:otherwise>
          <td><xsl:value-of select="@post"/></td>
          <td><xsl:value-of select="@name"/></td>
        </xsl:otherwise>
      </xsl:choose>
      <td><xsl:value-of select="@article"/></td>
    </tr>
  </xsl:template>

  <!-- The holder of a role: 職　氏名, or 欠員 with the reason. -->
  <xsl:template match="*" mode="holder">
    <xsl:choose>
      <xsl:when test="@vacant = 'true'">
        <xsl:apply-templates select="." mode="vacant"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="@post"/>
        <xsl:if test="@post and @name"><xsl:text>　</xsl:text></xsl:if>
        <xsl:value-of select="@name"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A seat left empty: 欠員 with the reason the roster gives; a
       nominated membership that ended is just 指名終了. -->
  <xsl:template match="*" mode="vacant">
    <xsl:choose>
      <xsl:when test="@ended = 'true'">指名終了</xsl:when>
      <xsl:otherwise>
        <em>欠員</em>
        <xsl:if test="@note">
          <xsl:text>　</xsl:text>
          <xsl:value-of select="@note"/>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
