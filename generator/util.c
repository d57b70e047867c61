/* util.c — allocation wrappers and the string buffer. */
#include "util.h"

#include <errno.h>
#include <glib.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

static void
oom(void)
{
	kb_diag_nomem();
	exit(2);
}

void *
kb_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (p == NULL)
		oom();
	return p;
}

void *
kb_calloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
	if (p == NULL)
		oom();
	return p;
}

void *
kb_realloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		oom();
	return p;
}

void
kb_grow(void **p, size_t *cap, size_t need, size_t elem)
{
	size_t ncap;

	if (need <= *cap)
		return;
	ncap = *cap ? *cap : 8;
	while (ncap < need) {
		if (ncap > ((size_t)-1) / 2 / elem)
			oom();
		ncap *= 2;
	}
	*p = kb_realloc(*p, ncap * elem);
	*cap = ncap;
}

char *
kb_strdup(const char *s)
{
	return s == NULL ? NULL : kb_strndup(s, strlen(s));
}

char *
kb_strndup(const char *s, size_t n)
{
	char *p = kb_malloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
kb_asprintf(const char *fmt, ...)
{
	kb_buf b = {0};
	va_list ap;

	va_start(ap, fmt);
	kb_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return kb_buf_take(&b);
}

void
kb_buf_put(kb_buf *b, const char *s, size_t n)
{
	kb_grow((void **)&b->data, &b->cap, b->len + n + 1, 1);
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
kb_buf_puts(kb_buf *b, const char *s)
{
	kb_buf_put(b, s, strlen(s));
}

void
kb_buf_vprintf(kb_buf *b, const char *fmt, va_list ap)
{
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	kb_grow((void **)&b->data, &b->cap, b->len + (size_t)n + 1, 1);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
kb_buf_printf(kb_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kb_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

char *
kb_buf_take(kb_buf *b)
{
	char *s = b->data ? b->data : kb_strdup("");
	b->data = NULL;
	b->len = b->cap = 0;
	return s;
}

void
kb_buf_free(kb_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

size_t
kb_display_width(const char *s)
{
	size_t w = 0;

	for (const char *p = s; p != NULL && *p != '\0'; p = g_utf8_next_char(p))
		w += g_unichar_iswide(g_utf8_get_char(p)) ? 2 : 1;
	return w;
}

void
kb_buf_pad(kb_buf *b, const char *s, size_t width)
{
	kb_buf_puts(b, s ? s : "");
	for (size_t w = kb_display_width(s); w < width; w++)
		kb_buf_puts(b, " ");
}

char *
kb_path_resolve(const char *path)
{
	char buf[PATH_MAX], *r, *slash, *head, *rest;

	if (realpath(path, buf) != NULL)
		return kb_strdup(buf);
	if (errno != ENOENT)
		return NULL;
	/* Resolve the parent that exists, then apply the last component lexically. */
	head = kb_strdup(path);
	while ((r = head + strlen(head)) > head && r[-1] == '/')
		r[-1] = '\0';
	slash = strrchr(head, '/');
	if (slash == NULL) {
		rest = kb_strdup(head);
		strcpy(head, ".");
	} else {
		rest = kb_strdup(slash + 1);
		slash == head ? (void)(slash[1] = '\0') : (void)(*slash = '\0');
	}
	r = *rest == '\0' ? NULL : kb_path_resolve(head);
	if (r != NULL && strcmp(rest, "..") == 0) {
		char *up = strrchr(r, '/');
		up == r ? (void)(up[1] = '\0') : (void)(*up = '\0');
	} else if (r != NULL && strcmp(rest, ".") != 0) {
		char *j = kb_asprintf("%s%s%s", r, strcmp(r, "/") == 0 ? "" : "/", rest);
		free(r);
		r = j;
	}
	free(head);
	free(rest);
	return r;
}

int
kb_path_within(const char *inner, const char *outer)
{
	size_t n = strlen(outer);

	if (strcmp(outer, "/") == 0)
		return 1;
	return strncmp(inner, outer, n) == 0 && (inner[n] == '\0' || inner[n] == '/');
}

void
kb_buf_put_xml(kb_buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&':
			kb_buf_puts(b, "&amp;");
			break;
		case '<':
			kb_buf_puts(b, "&lt;");
			break;
		case '>':
			kb_buf_puts(b, "&gt;");
			break;
		case '"':
			kb_buf_puts(b, "&quot;");
			break;
		case '\'':
			kb_buf_puts(b, "&apos;");
			break;
		default:
			kb_buf_put(b, s, 1);
		}
}
