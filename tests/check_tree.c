/* check_tree.c — the document tree: conversion, template bugs at their line, the checker. */
#include <check.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "suites.h"
#include "testutil.h"
#include "tree.h"
#include "util.h"

#define KOBUN KOBUN_BIN

/* Converts xml (named test.xml); diagnostics go to *cap when cap is not NULL. */
static struct kb_node *
convert(const char *xml, kb_buf *cap)
{
	xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "test.xml", "UTF-8", XML_PARSE_NONET);
	struct kb_node *root;

	ck_assert_ptr_nonnull(doc);
	if (cap != NULL)
		kb_diag_capture(cap);
	root = kb_tree_from_xml(doc, "test.xml");
	if (cap != NULL)
		kb_diag_capture(NULL);
	xmlFreeDoc(doc);
	return root;
}

/* The n-th child (from 0) of a node. */
static struct kb_node *
nth(struct kb_node *n, int i)
{
	struct kb_node *c = n->child;

	while (c != NULL && i-- > 0)
		c = c->next;
	ck_assert_ptr_nonnull(c);
	return c;
}

static const char fixture[] =
    "<document title=\"T\" created=\"2026-11-05T00:00:00+09:00\">\n"
    "  <page orientation=\"landscape\" margin-left=\"25.5\" body-size=\"12\" strict=\"strict\"/>\n"
    "  <footer align=\"left\"><page-number/> / <page-count/></footer>\n"
    "  <p align=\"justify\" indent=\"1\" size=\"9\" keep-with-next=\"true\">一行目\n"
    "     続き<em>強調</em><br/>二行目</p>\n"
    "  <table borders=\"outer\"><col width=\"22mm\" align=\"center\"/><col width=\"1.5*\"/>\n"
    "    <tbody><tr><th>a</th><td colspan=\"1\" align=\"right\">b</td></tr></tbody></table>\n"
    "  <figure width=\"150\" height=\"45\" caption=\"図\"><box x=\"0\" y=\"15\" w=\"35\" h=\"15\" "
    "fill=\"0.9\"/><line x1=\"1\" y1=\"2\" x2=\"3\" y2=\"4\" dash=\"true\"/>"
    "<text x=\"75\" y=\"24\" anchor=\"middle\">CSIRT</text></figure>\n"
    "  <list style=\"katakana\" start=\"3\"><li>項目<list><li>入れ子</li></list></li></list>\n"
    "</document>\n";

START_TEST(test_kinds_and_lengths)
{
	struct kb_node *root = convert(fixture, NULL), *n, *t;

	ck_assert_ptr_nonnull(root);
	ck_assert_int_eq(kb_tree_check(root, stderr), 0);
	ck_assert_int_eq(root->kind, KB_NODE_DOCUMENT);
	ck_assert_str_eq(root->u.document.title, "T");
	ck_assert_ptr_null(root->u.document.author);

	/* <page>: parsed values, defaults filled in. */
	n = nth(root, 0);
	ck_assert_int_eq(n->kind, KB_NODE_PAGE);
	ck_assert_int_eq(n->line, 2);
	ck_assert_uint_eq(n->u.page.flags, KB_PAGE_LANDSCAPE | KB_PAGE_STRICT);
	ck_assert_double_eq(n->u.page.margin_left, 25.5);
	ck_assert_double_eq(n->u.page.margin_top, 30);
	ck_assert_double_eq(n->u.page.body_size, 12);
	ck_assert_double_eq(n->u.page.line_spacing, 1.75);

	n = nth(root, 1);
	ck_assert_int_eq(n->kind, KB_NODE_FOOTER);
	ck_assert_int_eq(n->u.running.align, KB_ALIGN_LEFT);
	ck_assert_int_eq(nth(n, 0)->kind, KB_NODE_PAGE_NUMBER);
	ck_assert_str_eq(nth(n, 1)->u.text.text, " / ");
	ck_assert_int_eq(nth(n, 2)->kind, KB_NODE_PAGE_COUNT);

	/* <p>: white space with a line break is template indentation and goes. */
	n = nth(root, 2);
	ck_assert_int_eq(n->kind, KB_NODE_P);
	ck_assert_int_eq(n->u.p.align, KB_ALIGN_JUSTIFY);
	ck_assert_int_eq(n->u.p.face, KB_FACE_UNSET);
	ck_assert_double_eq(n->u.p.indent, 1);
	ck_assert_double_eq(n->u.p.size, 9);
	ck_assert_double_eq(n->u.p.space_before, 0);
	ck_assert_uint_eq(n->u.p.flags, KB_P_KEEP_WITH_NEXT);
	t = nth(n, 0);
	ck_assert_int_eq(t->kind, KB_NODE_TEXT);
	ck_assert_str_eq(t->u.text.text, "一行目続き");
	ck_assert_int_eq(nth(n, 1)->kind, KB_NODE_EM);
	ck_assert_str_eq(nth(nth(n, 1), 0)->u.text.text, "強調");
	ck_assert_int_eq(nth(n, 2)->kind, KB_NODE_BR);
	ck_assert_ptr_eq(nth(n, 3), n->last);

	/* <table>: only elements (the indentation between them is gone). */
	n = nth(root, 3);
	ck_assert_int_eq(n->kind, KB_NODE_TABLE);
	ck_assert_int_eq(n->line, 6);
	ck_assert_int_eq(n->u.table.borders, KB_BORDERS_OUTER);
	ck_assert_double_lt(n->u.table.font_size, 0);
	ck_assert_double_eq(nth(n, 0)->u.col.mm, 22);
	ck_assert_double_eq(nth(n, 0)->u.col.share, 0);
	ck_assert_int_eq(nth(n, 0)->u.col.align, KB_ALIGN_CENTER);
	ck_assert_double_eq(nth(n, 1)->u.col.mm, 0);
	ck_assert_double_eq(nth(n, 1)->u.col.share, 1.5);
	ck_assert_int_eq(nth(n, 2)->kind, KB_NODE_TBODY);
	t = nth(nth(nth(n, 2), 0), 1);
	ck_assert_int_eq(t->kind, KB_NODE_TD);
	ck_assert_int_eq(t->u.cell.colspan, 1);
	ck_assert_int_eq(t->u.cell.align, KB_ALIGN_RIGHT);
	ck_assert_int_eq(nth(nth(nth(n, 2), 0), 0)->u.cell.align, KB_ALIGN_UNSET);

	/* <figure>: <line> and <text> inside it are a rule and a label. */
	n = nth(root, 4);
	ck_assert_int_eq(n->kind, KB_NODE_FIGURE);
	ck_assert_double_eq(n->u.figure.width, 150);
	ck_assert_int_eq(n->u.figure.align, KB_ALIGN_CENTER);
	ck_assert_str_eq(n->u.figure.caption, "図");
	ck_assert_int_eq(nth(n, 0)->kind, KB_NODE_BOX);
	ck_assert_double_eq(nth(n, 0)->u.box.fill, 0.9);
	ck_assert_double_eq(nth(n, 0)->u.box.stroke, 0.5);
	ck_assert_int_eq(nth(n, 1)->kind, KB_NODE_RULE);
	ck_assert_double_eq(nth(n, 1)->u.rule.y2, 4);
	ck_assert_uint_eq(nth(n, 1)->u.rule.flags, KB_RULE_DASH);
	ck_assert_int_eq(nth(n, 2)->kind, KB_NODE_LABEL);
	ck_assert_int_eq(nth(n, 2)->u.label.anchor, KB_ANCHOR_MIDDLE);

	n = nth(root, 5);
	ck_assert_int_eq(n->kind, KB_NODE_LIST);
	ck_assert_int_eq(n->u.list.style, KB_LIST_KATAKANA);
	ck_assert_int_eq(n->u.list.start, 3);
	ck_assert_int_eq(nth(nth(n, 0), 1)->kind, KB_NODE_LIST);
	ck_assert_int_eq(nth(nth(n, 0), 1)->u.list.style, KB_LIST_ARABIC);
	ck_assert_ptr_null(n->next);
	kb_tree_free(root);
	kb_tree_free(NULL);
}
END_TEST

START_TEST(test_dump)
{
	struct kb_node *root = convert(fixture, NULL);
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	ck_assert_ptr_nonnull(root);
	kb_tree_dump(root, f);
	fclose(f);
	ck_assert_msg(
	    tu_has(out, "document title=\"T\" created=\"2026-11-05T00:00:00+09:00\" @1\n"), "%s",
	    out);
	ck_assert_msg(tu_has(out,
	                     "\n  page size=A4 orientation=landscape writing=horizontal "
	                     "strict=strict margin-top=30mm margin-bottom=25mm margin-left=25.5mm "
	                     "margin-right=20mm body-size=12pt line-spacing=1.75 @2\n"),
	              "%s", out);
	ck_assert_msg(tu_has(out, "\n  p align=justify size=9pt indent=1em keep-with-next @4\n"
	                          "    \"一行目続き\" @"),
	              "%s", out);
	ck_assert_msg(tu_has(out, "\n    col width=1.5* align=left @6\n"), "%s", out);
	ck_assert_msg(tu_has(out, "\n    line x1=1mm y1=2mm x2=3mm y2=4mm width=0.5pt dash @8\n"),
	              "%s", out);
	free(out);
	kb_tree_free(root);
}
END_TEST

/* Bad trees: each is reported as a template bug at its line, and no tree comes back. */
static const struct {
	const char *xml;
	const char *expect[3];
} bad[] = {
    {"<document><page/>\n<p indent=\"2cm\">x</p></document>",
     {"test.xml:2:", "<p indent=\"2cm\">: unknown unit \"cm\"", "(template bug)"}},
    {"<document>\n\n<page margin-top=\"abc\"/></document>",
     {"test.xml:3:", "<page margin-top=\"abc\">: not a number", NULL}},
    {"<document><page/><p>\n<frobnicate/></p></document>",
     {"test.xml:2:", "unknown element <frobnicate>", NULL}},
    {"<document><page/>\n<p align=\"middle\"/></document>",
     {"test.xml:2:", "expected left, right, center or justify", NULL}},
    {"<document><page writing=\"vertical\"/>\n<table/></document>",
     {"test.xml:2:", "<table> is not allowed in vertical writing", NULL}},
    {"<document><page/><table><col width=\"1*\"/><tbody>\n<tr><td>a</td>\n<td>b</td></tr></tbody>"
     "</table></document>",
     {"test.xml:3:", "the row has more cells than <col>s", NULL}},
    {"<document><page/>\n<table><tbody><tr><td/></tr></tbody></table></document>",
     {"test.xml:2:", "<table> needs <col> elements", NULL}},
    {"<document><page/>\n<items><li/></items></document>",
     {"test.xml:2:", "<li> is not allowed inside <items>", NULL}},
    {"<document><page/>\n<ki>記</ki></document>",
     {"test.xml:2:", "text is not allowed inside <ki>", NULL}},
    {"<document><page/>\n<space lines=\"-1\"/></document>",
     {"test.xml:2:", "must not be negative", NULL}},
    {"<page/>", {"test.xml:", "did not produce a <document>", NULL}},
};

START_TEST(test_bad_value_reported_with_line)
{
	kb_buf cap = {0};
	struct kb_node *root;

	root = convert(bad[_i].xml, &cap);
	ck_assert_msg(root == NULL, "%s: converted", bad[_i].xml);
	for (int k = 0; k < 3 && bad[_i].expect[k] != NULL; k++)
		ck_assert_msg(tu_has(cap.data, bad[_i].expect[k]), "%s: no \"%s\" in: %s",
		              bad[_i].xml, bad[_i].expect[k], cap.data ? cap.data : "(nothing)");
	ck_assert_int_gt(kb_diag_count(KB_ERROR), 0);
	kb_buf_free(&cap);
	kb_diag_reset();
}
END_TEST

/* The checker finds each kind of corruption, and passes the tree again once it is repaired. */
START_TEST(test_check_catches_corruption)
{
	struct kb_node *root = convert(fixture, NULL), *p, *em, *saved;
	enum kb_node_kind kind;
	char *out = NULL;
	size_t len = 0;
	FILE *f;

	ck_assert_ptr_nonnull(root);
	ck_assert_int_eq(kb_tree_check(root, NULL), 0);
	p = nth(root, 2);
	em = nth(p, 1);

	/* A child that names another parent. */
	em->parent = root;
	f = open_memstream(&out, &len);
	ck_assert_int_gt(kb_tree_check(root, f), 0);
	fclose(f);
	ck_assert_msg(tu_has(out, "tree check: <em> at line 5: its parent is not <p> at line 4"),
	              "%s", out);
	free(out);
	em->parent = p;
	ck_assert_int_eq(kb_tree_check(root, NULL), 0);

	/* A broken prev link. */
	saved = em->prev;
	em->prev = NULL;
	ck_assert_int_gt(kb_tree_check(root, NULL), 0);
	em->prev = saved;

	/* A last pointer that is not the last child. */
	saved = p->last;
	p->last = em;
	ck_assert_int_gt(kb_tree_check(root, NULL), 0);
	p->last = saved;

	/* A kind not allowed under its parent: a table row in a paragraph. */
	kind = em->kind;
	em->kind = KB_NODE_TR;
	ck_assert_int_gt(kb_tree_check(root, NULL), 0);
	em->kind = kind;

	/* A kind out of range. */
	em->kind = KB_NODE__MAX;
	ck_assert_int_gt(kb_tree_check(root, NULL), 0);
	em->kind = kind;

	/* Siblings that loop back: the checker reports it and ends. */
	saved = p->last->next;
	p->last->next = p->child;
	ck_assert_int_gt(kb_tree_check(root, NULL), 0);
	p->last->next = saved;

	/* Children that point back at their grandparent. */
	saved = em->child;
	em->child = em->last = root;
	ck_assert_int_gt(kb_tree_check(root, NULL), 0);
	em->child = em->last = saved;

	/* A text node without text, and a bad colspan. */
	saved = (struct kb_node *)nth(p, 0)->u.text.text;
	nth(p, 0)->u.text.text = NULL;
	ck_assert_int_gt(kb_tree_check(root, NULL), 0);
	nth(p, 0)->u.text.text = (char *)saved;
	nth(nth(nth(nth(root, 3), 2), 0), 1)->u.cell.colspan = 0;
	ck_assert_int_gt(kb_tree_check(root, NULL), 0);
	nth(nth(nth(nth(root, 3), 2), 0), 1)->u.cell.colspan = 1;

	ck_assert_int_eq(kb_tree_check(root, NULL), 0);
	kb_tree_free(root);
}
END_TEST

/* `kobun build --dump=tree` prints kobun's tree of each document its templates make. */
START_TEST(test_build_dump_tree)
{
	char *out;
	int rc = tu_run(&out,
	                "{ cd %s && %s build -q --dump=tree --org input/organization.xml "
	                "tests/data/good/one-dx.xml 2>/dev/null; }",
	                SRCDIR, KOBUN);

	ck_assert_int_eq(rc, 0);
	ck_assert_msg(tu_has(out, "document title=\"DX推進員の指名について（通知）\"") &&
	                  tu_has(out, "\n  page size=A4 ") && tu_has(out, "\n  letterhead") &&
	                  tu_has(out, "\n    item label=\"指名日\"") &&
	                  tu_has(out, "\"令和8年5月20日\""),
	              "%s", out);
	free(out);
}
END_TEST

Suite *
tree_suite(void)
{
	Suite *s = suite_create("tree");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_kinds_and_lengths);
	tcase_add_test(tc, test_dump);
	tcase_add_loop_test(tc, test_bad_value_reported_with_line, 0,
	                    (int)(sizeof(bad) / sizeof(bad[0])));
	tcase_add_test(tc, test_check_catches_corruption);
	tcase_add_test(tc, test_build_dump_tree);
	suite_add_tcase(s, tc);
	return s;
}
