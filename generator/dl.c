/* dl.c — building, freeing and dumping display lists. */
#include "dl.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct kb_dl_font *kb_dl_fonts;
int kb_dl_nfonts;
static size_t fontcap;

int
kb_dl_font_id(const char *file, int index, const char *family)
{
	for (int i = 0; i < kb_dl_nfonts; i++)
		if (kb_dl_fonts[i].index == index && strcmp(kb_dl_fonts[i].file, file) == 0)
			return i;
	kb_grow((void **)&kb_dl_fonts, &fontcap, (size_t)kb_dl_nfonts + 1, sizeof(*kb_dl_fonts));
	kb_dl_fonts[kb_dl_nfonts].file = kb_strdup(file);
	kb_dl_fonts[kb_dl_nfonts].index = index;
	kb_dl_fonts[kb_dl_nfonts].family = kb_strdup(family ? family : "");
	return kb_dl_nfonts++;
}

void
kb_dl_fonts_free(void)
{
	for (int i = 0; i < kb_dl_nfonts; i++) {
		free(kb_dl_fonts[i].file);
		free(kb_dl_fonts[i].family);
	}
	free(kb_dl_fonts);
	kb_dl_fonts = NULL;
	kb_dl_nfonts = 0;
	fontcap = 0;
}

struct kb_dl *
kb_dl_new(void)
{
	return kb_calloc(1, sizeof(struct kb_dl));
}

void
kb_dl_free(struct kb_dl *dl)
{
	if (dl == NULL)
		return;
	for (size_t p = 0; p < dl->npages; p++) {
		struct kb_dl_page *pg = &dl->pages[p];
		for (size_t i = 0; i < pg->nitems; i++) {
			if (pg->items[i].kind == KB_DL_GLYPHS) {
				free(pg->items[i].u.run.text);
				free(pg->items[i].u.run.glyphs);
				free(pg->items[i].u.run.clusters);
			}
		}
		free(pg->items);
	}
	free(dl->pages);
	for (size_t i = 0; i < dl->noutline; i++)
		free(dl->outline[i].title);
	free(dl->outline);
	free(dl->meta.title);
	free(dl->meta.author);
	free(dl->meta.subject);
	free(dl->meta.keywords);
	free(dl->meta.creator);
	free(dl->meta.create_date);
	free(dl->meta.lang);
	free(dl);
}

struct kb_dl_page *
kb_dl_add_page(struct kb_dl *dl, double width, double height)
{
	struct kb_dl_page *pg;

	kb_grow((void **)&dl->pages, &dl->cap, dl->npages + 1, sizeof(*dl->pages));
	pg = &dl->pages[dl->npages++];
	memset(pg, 0, sizeof(*pg));
	pg->width = width;
	pg->height = height;
	return pg;
}

struct kb_dl_item *
kb_dl_add(struct kb_dl_page *pg, enum kb_dl_kind kind)
{
	struct kb_dl_item *it;

	kb_grow((void **)&pg->items, &pg->cap, pg->nitems + 1, sizeof(*pg->items));
	it = &pg->items[pg->nitems++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	return it;
}

void
kb_dl_add_tag(struct kb_dl_page *pg, enum kb_dl_kind kind, const char *name)
{
	assert(kind == KB_DL_TAG_BEGIN || kind == KB_DL_TAG_END);
	kb_dl_add(pg, kind)->u.tag.name = name;
}

void
kb_dl_add_outline(struct kb_dl *dl, const char *title, size_t page, double x, double y)
{
	struct kb_dl_outline *o;

	kb_grow((void **)&dl->outline, &dl->capoutline, dl->noutline + 1, sizeof(*dl->outline));
	o = &dl->outline[dl->noutline++];
	o->title = kb_strdup(title);
	o->page = page;
	o->x = x;
	o->y = y;
}

char *
kb_dl_dump(const struct kb_dl *dl)
{
	kb_buf b = {0};

	kb_buf_printf(&b, "document pages=%zu title=\"%s\"\n", dl->npages,
	              dl->meta.title ? dl->meta.title : "");
	for (size_t i = 0; i < dl->noutline; i++)
		kb_buf_printf(&b, "outline page=%zu y=%.2f \"%s\"\n", dl->outline[i].page + 1,
		              dl->outline[i].y, dl->outline[i].title);
	for (size_t p = 0; p < dl->npages; p++) {
		const struct kb_dl_page *pg = &dl->pages[p];
		kb_buf_printf(&b, "page %zu %.2fx%.2f\n", p + 1, pg->width, pg->height);
		for (size_t i = 0; i < pg->nitems; i++) {
			const struct kb_dl_item *it = &pg->items[i];
			switch (it->kind) {
			case KB_DL_GLYPHS: {
				const struct kb_dl_item *r = it;
				kb_buf_printf(&b,
				              "  run font=%s size=%.2f%s gray=%.2f angle=%.4f "
				              "origin=%.2f,%.2f "
				              "x=%.2f y=%.2f n=%d \"",
				              kb_dl_fonts[r->u.run.font].family, r->u.run.size,
				              (r->u.run.flags & KB_DL_VERTICAL) ? " vertical" : "",
				              r->u.run.gray, r->u.run.angle, r->u.run.ox,
				              r->u.run.oy,
				              r->u.run.nglyphs ? r->u.run.glyphs[0].x : 0.0,
				              r->u.run.nglyphs ? r->u.run.glyphs[0].y : 0.0,
				              r->u.run.nglyphs);
				kb_buf_put(&b, r->u.run.text, r->u.run.textlen);
				kb_buf_puts(&b, "\"\n    glyphs");
				for (int g = 0; g < r->u.run.nglyphs; g++)
					kb_buf_printf(&b, " %u@%.2f,%.2f", r->u.run.glyphs[g].id,
					              r->u.run.glyphs[g].x, r->u.run.glyphs[g].y);
				kb_buf_puts(&b, "\n    clusters");
				for (int c = 0; c < r->u.run.nclusters; c++)
					kb_buf_printf(&b, " %d:%d", r->u.run.clusters[c].nbytes,
					              r->u.run.clusters[c].nglyphs);
				kb_buf_puts(&b, "\n");
				break;
			}
			case KB_DL_LINE:
				kb_buf_printf(&b, "  line %.2f,%.2f %.2f,%.2f w=%.2f%s\n",
				              it->u.line.x0, it->u.line.y0, it->u.line.x1,
				              it->u.line.y1, it->u.line.width,
				              it->u.line.dash ? " dashed" : "");
				break;
			case KB_DL_RECT:
				kb_buf_printf(&b,
				              "  rect %.2f,%.2f %.2fx%.2f %s w=%.2f gray=%.2f\n",
				              it->u.rect.x, it->u.rect.y, it->u.rect.w,
				              it->u.rect.h, it->u.rect.fill ? "fill" : "stroke",
				              it->u.rect.width, it->u.rect.gray);
				break;
			case KB_DL_TAG_BEGIN:
				kb_buf_printf(&b, "  tag %s\n", it->u.tag.name);
				break;
			case KB_DL_TAG_END:
				kb_buf_printf(&b, "  end %s\n", it->u.tag.name);
				break;
			}
		}
	}
	return kb_buf_take(&b);
}
