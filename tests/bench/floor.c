/* The benchmark's floor: a naive pango+cairo program writing kobun's DX推進員 notice. */

/*
 * Reads DIR/organization.xml and DIR/records.xml as tests/bench/gen.sh writes
 * them and, for each <nomination>, writes OUT/ID/nomination-notice.pdf: one
 * A4 page with the number, the date, the addressee, the sender, the title,
 * the body, the 記 items and the contact box, set in IPAex明朝 (title in
 * IPAexゴシック). It shares no code with kobun and does the obvious thing:
 * one cairo PDF surface per document, one pango layout per paragraph, each
 * file written to a temporary name, fsync'd and renamed, as kobun does.
 *
 *   floor DIR OUT
 *
 * It is a yardstick for `make bench`, not a document generator: it trusts
 * its input and stops at the first error.
 */

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PAGE_W 595.276
#define PAGE_H 841.89
#define MM (72.0 / 25.4)
#define LEFT (30 * MM)
#define RIGHT (PAGE_W - 25 * MM)
#define TOP (30 * MM)
#define BODY "IPAexMincho 10.5"
#define TITLE "IPAexGothic 12"

struct unit {
	char *name;  /* 第2課 */
	char *dept;  /* 第1部 */
	char *phone; /* 000-000-0001 */
	char *mail;  /* v1@example.lg.jp */
};

struct person {
	char *name;        /* 石田　一郎 */
	char *title;       /* 主事, 課長 */
	struct unit *unit; /* where the post is, or NULL */
};

static GHashTable *units, *people; /* id → struct unit / struct person */
static char *regulation, *prefix;

static void
die(const char *what, const char *detail)
{
	fprintf(stderr, "floor: %s: %s\n", what, detail);
	exit(1);
}

/* A copy of attribute name of n, or "" if it has none. The caller frees it. */
static char *
attr(xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s = g_strdup(v ? (const char *)v : "");

	xmlFree(v);
	return s;
}

static int
is(xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static void
read_org(const char *path)
{
	xmlDoc *doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	xmlNode *root, *n, *d;

	if (doc == NULL)
		die(path, "cannot read");
	root = xmlDocGetRootElement(doc);
	regulation = attr(root, "name"); /* replaced by <regulation title> below */
	for (n = root->children; n != NULL; n = n->next) {
		if (is(n, "regulation")) {
			g_free(regulation);
			regulation = attr(n, "title");
		} else if (is(n, "department")) {
			char *dept = attr(n, "name");
			for (d = n->children; d != NULL; d = d->next) {
				struct unit *u;
				if (!is(d, "division"))
					continue;
				u = g_new0(struct unit, 1);
				u->name = attr(d, "name");
				u->dept = g_strdup(dept);
				u->phone = attr(d, "phone");
				u->mail = attr(d, "mail");
				g_hash_table_insert(units, attr(d, "id"), u);
			}
			g_free(dept);
		} else if (is(n, "person")) {
			struct person *p = g_new0(struct person, 1);
			char *f = attr(n, "family"), *g = attr(n, "given");
			p->name = g_strconcat(f, "\u3000", g, NULL);
			g_free(f);
			g_free(g);
			g_hash_table_insert(people, attr(n, "id"), p);
		} else if (is(n, "post")) {
			char *id = attr(n, "person"), *unit = attr(n, "unit");
			struct person *p = g_hash_table_lookup(people, id);
			if (p == NULL)
				die(id, "post of an unknown person");
			g_free(p->title);
			p->title = attr(n, "title");
			p->unit = g_hash_table_lookup(units, unit);
			g_free(id);
			g_free(unit);
		} else if (is(n, "document-code") && prefix == NULL) {
			prefix = attr(n, "prefix");
		}
	}
	if (prefix == NULL)
		prefix = g_strdup("");
	xmlFreeDoc(doc);
}

/* 2026-07-31 → 令和8年7月31日; the caller frees it. */
static char *
wareki(const char *iso)
{
	int y, m, d;

	if (sscanf(iso, "%d-%d-%d", &y, &m, &d) != 3)
		die(iso, "not a date");
	if (y == 2019 && m < 5)
		return g_strdup_printf("平成31年%d月%d日", m, d);
	if (y == 2019)
		return g_strdup_printf("令和元年%d月%d日", m, d);
	return g_strdup_printf("令和%d年%d月%d日", y - 2018, m, d);
}

/* Sets text in font at x, y, width w (wrapping) and alignment; returns its height. */
static double
para(cairo_t *cr, const char *font, const char *text, double x, double y, double w,
     PangoAlignment align, int indent)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	int h;

	pango_layout_set_font_description(l, fd);
	pango_layout_set_width(l, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_CHAR);
	pango_layout_set_alignment(l, align);
	if (indent)
		pango_layout_set_indent(l, (int)(10.5 * PANGO_SCALE));
	pango_layout_set_text(l, text, -1);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, l);
	pango_layout_get_size(l, NULL, &h);
	pango_font_description_free(fd);
	g_object_unref(l);
	return (double)h / PANGO_SCALE;
}

static cairo_status_t
to_fd(void *closure, const unsigned char *data, unsigned int len)
{
	int fd = *(int *)closure;

	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return CAIRO_STATUS_WRITE_ERROR;
		data += n;
		len -= (unsigned int)n;
	}
	return CAIRO_STATUS_SUCCESS;
}

static void
notice(const char *out, const char *id, const char *date, struct person *from, struct person *to,
       int number)
{
	char *dir = g_strdup_printf("%s/%s", out, id);
	char *tmp = g_strdup_printf("%s/.nomination-notice.pdf.tmp", dir);
	char *path = g_strdup_printf("%s/nomination-notice.pdf", dir);
	char *day = wareki(date), *s;
	double w = RIGHT - LEFT, y = TOP, bx, by;
	cairo_surface_t *pdf;
	cairo_t *cr;
	int fd;

	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		die(dir, strerror(errno));
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		die(tmp, strerror(errno));
	pdf = cairo_pdf_surface_create_for_stream(to_fd, &fd, PAGE_W, PAGE_H);
	cr = cairo_create(pdf);

	s = g_strdup_printf("%s第%d号", prefix, number);
	y += para(cr, BODY, s, LEFT, y, w, PANGO_ALIGN_RIGHT, 0);
	g_free(s);
	y += para(cr, BODY, day, LEFT, y, w, PANGO_ALIGN_RIGHT, 0) + 20;
	s = g_strdup_printf("%s\u3000%s\u3000%s\u3000様", to->unit->name, to->title, to->name);
	y += para(cr, BODY, s, LEFT, y, w, PANGO_ALIGN_LEFT, 0) + 20;
	g_free(s);
	s = g_strdup_printf("%s長\u3000%s", from->unit->name, from->name);
	y += para(cr, BODY, s, LEFT, y, w - 10.5, PANGO_ALIGN_RIGHT, 0);
	g_free(s);
	y += para(cr, BODY, "（公印省略）", LEFT, y, w, PANGO_ALIGN_RIGHT, 0) + 24;
	y += para(cr, TITLE, "DX推進員の指名について（通知）", LEFT, y, w, PANGO_ALIGN_CENTER, 0) +
	     20;
	s = g_strdup_printf("%s第8条第2項の規定により、あなたを下記のとおりDX推進員に指名します。",
	                    regulation);
	y += para(cr, BODY, s, LEFT, y, w, PANGO_ALIGN_LEFT, 1) + 18;
	g_free(s);
	y += para(cr, BODY, "記", LEFT, y, w, PANGO_ALIGN_CENTER, 0) + 18;
	s = g_strdup_printf("1\u3000指名日\u3000\u3000%s", day);
	y += para(cr, BODY, s, LEFT, y, w, PANGO_ALIGN_LEFT, 0) + 2;
	g_free(s);
	s = g_strdup_printf("2\u3000所\u3000属\u3000\u3000%s\u3000%s", to->unit->dept,
	                    to->unit->name);
	y += para(cr, BODY, s, LEFT, y, w, PANGO_ALIGN_LEFT, 0) + 2;
	g_free(s);
	s = g_strdup_printf("3\u3000職氏名\u3000\u3000%s\u3000%s", to->title, to->name);
	y += para(cr, BODY, s, LEFT, y, w, PANGO_ALIGN_LEFT, 0) + 18;
	g_free(s);
	y += para(cr, BODY, "以上", LEFT, y, w - 10.5, PANGO_ALIGN_RIGHT, 0) + 18;

	/* The contact box at the right. */
	bx = RIGHT - 65 * MM;
	by = y;
	y += 4;
	s = g_strdup_printf("担当\u3000%s\u3000%s", from->unit->dept, from->unit->name);
	y += para(cr, BODY, s, bx + 4, y, 65 * MM - 8, PANGO_ALIGN_LEFT, 0);
	g_free(s);
	s = g_strdup_printf("電話\u3000%s", from->unit->phone);
	y += para(cr, BODY, s, bx + 4, y, 65 * MM - 8, PANGO_ALIGN_LEFT, 0);
	g_free(s);
	s = g_strdup_printf("メール\u3000%s", from->unit->mail);
	y += para(cr, BODY, s, bx + 4, y, 65 * MM - 8, PANGO_ALIGN_LEFT, 0) + 4;
	g_free(s);
	cairo_set_line_width(cr, 0.5);
	cairo_rectangle(cr, bx, by, 65 * MM, y - by);
	cairo_stroke(cr);

	cairo_destroy(cr);
	cairo_surface_finish(pdf);
	if (cairo_surface_status(pdf) != CAIRO_STATUS_SUCCESS)
		die(path, cairo_status_to_string(cairo_surface_status(pdf)));
	cairo_surface_destroy(pdf);
	/* As kobun: the data reaches the disk before the name does. */
	if (fsync(fd) != 0 || close(fd) != 0)
		die(tmp, strerror(errno));
	if (rename(tmp, path) != 0)
		die(path, strerror(errno));
	g_free(day);
	g_free(path);
	g_free(tmp);
	g_free(dir);
}

int
main(int argc, char *argv[])
{
	xmlDoc *doc;
	xmlNode *n;
	char *path;
	int number = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: floor DIR OUT\n");
		return 2;
	}
	units = g_hash_table_new(g_str_hash, g_str_equal);
	people = g_hash_table_new(g_str_hash, g_str_equal);
	path = g_strdup_printf("%s/organization.xml", argv[1]);
	read_org(path);
	g_free(path);
	if (mkdir(argv[2], 0777) != 0 && errno != EEXIST)
		die(argv[2], strerror(errno));

	path = g_strdup_printf("%s/records.xml", argv[1]);
	doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	if (doc == NULL)
		die(path, "cannot read");
	for (n = xmlDocGetRootElement(doc)->children; n != NULL; n = n->next) {
		char *id, *date, *from, *to;
		struct person *pf, *pt;
		if (!is(n, "nomination"))
			continue;
		id = attr(n, "id");
		date = attr(n, "date");
		from = attr(n, "nominator");
		to = attr(n, "nominee");
		pf = g_hash_table_lookup(people, from);
		pt = g_hash_table_lookup(people, to);
		if (pf == NULL || pt == NULL || pf->unit == NULL || pt->unit == NULL)
			die(id, "nominator or nominee without a post");
		notice(argv[2], id, date, pf, pt, ++number);
		g_free(id);
		g_free(date);
		g_free(from);
		g_free(to);
	}
	xmlFreeDoc(doc);
	g_free(path);
	printf("floor: %d documents written\n", number);
	return 0;
}
