/* util.h — allocation wrappers (out of memory is fatal here, once) and a growable string buffer. */
#ifndef KB_UTIL_H
#define KB_UTIL_H

#include <stdarg.h>
#include <stddef.h>

/* Allocation: never return NULL; print and exit 2 on exhaustion. */
void *kb_malloc(size_t n);
void *kb_calloc(size_t nmemb, size_t size);
void *kb_realloc(void *p, size_t n);
/* Grows *p (an array of *cap elements of size elem) to hold at least need elements. */
void kb_grow(void **p, size_t *cap, size_t need, size_t elem);
/* Returns a fresh copy of s (NULL stays NULL); the caller owns it. */
char *kb_strdup(const char *s);
char *kb_strndup(const char *s, size_t n);
/* printf into a fresh string the caller owns. */
char *kb_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable NUL-terminated byte buffer. Zero-initialise ({0}) before use. */
typedef struct kb_buf {
	char *data; /* NUL-terminated once anything was appended; NULL before */
	size_t len; /* bytes used, excluding the NUL */
	size_t cap; /* bytes allocated */
} kb_buf;

void kb_buf_put(kb_buf *b, const char *s, size_t n);
void kb_buf_puts(kb_buf *b, const char *s);
void kb_buf_printf(kb_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void kb_buf_vprintf(kb_buf *b, const char *fmt, va_list ap);
/* Returns the contents ("" if empty) and leaves b empty; the caller owns the result. */
char *kb_buf_take(kb_buf *b);
void kb_buf_free(kb_buf *b);
/* Appends s to b with XML's five special characters escaped. */
void kb_buf_put_xml(kb_buf *b, const char *s);

/* Columns a terminal gives UTF-8 text s: East Asian wide characters take two. */
size_t kb_display_width(const char *s);
/* Appends s, then spaces up to width display columns. */
void kb_buf_pad(kb_buf *b, const char *s, size_t width);

/*
 * The absolute path path names, with symbolic links of its existing part
 * resolved and "." and ".." of the rest applied, or NULL if it cannot be
 * resolved. Two paths name the same place when their results are equal.
 * The caller owns the result.
 */
char *kb_path_resolve(const char *path);
/* Whether resolved path inner is outer or lies inside it (both from kb_path_resolve). */
int kb_path_within(const char *inner, const char *outer);

#endif
