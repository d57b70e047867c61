/* testutil.c — command running and file helpers for the tests. */
#include "testutil.h"

#include <check.h>
#include <libxml/xpath.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "util.h"

int
tu_run(char **out, const char *fmt, ...)
{
	kb_buf cmd = {0}, res = {0};
	va_list ap;
	FILE *p;
	char chunk[4096];
	size_t n;
	int st;

	va_start(ap, fmt);
	kb_buf_vprintf(&cmd, fmt, ap);
	va_end(ap);
	kb_buf_puts(&cmd, " 2>&1");
	p = popen(cmd.data, "r");
	kb_buf_free(&cmd);
	if (p == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		kb_buf_put(&res, chunk, n);
	st = pclose(p);
	if (out != NULL)
		*out = kb_buf_take(&res);
	else
		kb_buf_free(&res);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

char *
tu_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	kb_buf b = {0};
	char chunk[65536];
	size_t n;

	if (f == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		kb_buf_put(&b, chunk, n);
	fclose(f);
	if (len != NULL)
		*len = b.len;
	return kb_buf_take(&b);
}

char *
tu_tmpdir(void)
{
	char tmpl[] = "/tmp/kobun-test-XXXXXX";
	char *d = mkdtemp(tmpl);
	return d ? kb_strdup(d) : NULL;
}

void
tu_rmrf(const char *dir)
{
	if (dir != NULL && strncmp(dir, "/tmp/kobun-test-", 16) == 0)
		tu_run(NULL, "rm -rf '%s'", dir);
}

char *
tu_pdf_text(const char *pdf)
{
	char *out;

	/* Reading order, not -layout: -layout interleaves the columns of vertical text. */
	if (tu_run(&out, "pdftotext -enc UTF-8 '%s' -", pdf) != 0) {
		free(out);
		return NULL;
	}
	tu_strip_space(out);
	return out;
}

void
tu_strip_space(char *s)
{
	char *w, *r;

	/* Drop ASCII whitespace, U+3000 and form feeds so layout spacing does not matter. */
	for (w = r = s; *r != '\0';) {
		if (*r == ' ' || *r == '\n' || *r == '\t' || *r == '\f' || *r == '\r') {
			r++;
		} else if ((unsigned char)r[0] == 0xE3 && (unsigned char)r[1] == 0x80 &&
		           (unsigned char)r[2] == 0x80) {
			r += 3;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
}

int
tu_has(const char *hay, const char *needle)
{
	return hay != NULL && needle != NULL && strstr(hay, needle) != NULL;
}

char *
tu_xpath(xmlDocPtr doc, const char *fmt, ...)
{
	xmlXPathContextPtr x = xmlXPathNewContext(doc);
	xmlXPathObjectPtr o;
	xmlChar *v;
	char *q, *r;
	va_list ap;
	kb_buf b = {0};

	va_start(ap, fmt);
	kb_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	q = kb_buf_take(&b);
	o = xmlXPathEvalExpression((const xmlChar *)q, x);
	ck_assert_msg(o != NULL, "bad XPath %s", q);
	v = xmlXPathCastToString(o);
	r = kb_strdup((const char *)v);
	xmlFree(v);
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(x);
	free(q);
	return r;
}

char *
tu_write(const char *dir, const char *name, const char *text)
{
	char *path = kb_asprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	return path;
}
