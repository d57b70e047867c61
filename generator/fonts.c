/* fonts.c — a private fontconfig configuration holding only the IPAex fonts. */
#include "fonts.h"

#include <fontconfig/fontconfig.h>
#include <pango/pangofc-fontmap.h>
#include <pango/pangoft2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "util.h"

static PangoFontMap *fontmap;

/* Returns 1 when the configuration has a face of exactly this family. */
static int
has_family(FcConfig *cfg, const char *family)
{
	FcPattern *pat = FcPatternCreate();
	FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, FC_FILE, NULL);
	FcFontSet *fs;
	int found = 0;

	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
	fs = FcFontList(cfg, pat, os);
	if (fs != NULL) {
		found = fs->nfont > 0;
		FcFontSetDestroy(fs);
	}
	FcObjectSetDestroy(os);
	FcPatternDestroy(pat);
	return found;
}

/*
 * kobun's own configuration DATADIR/fonts/fonts.conf, built; NULL when it
 * cannot be used (after a fatal diagnostic unless quiet).
 */
static FcConfig *
load_config(const char *datadir, int quiet)
{
	char *conf = kb_asprintf("%s/fonts/fonts.conf", datadir);
	FcConfig *cfg = FcConfigCreate();

	if (!FcConfigParseAndLoad(cfg, (const FcChar8 *)conf, FcTrue)) {
		if (!quiet)
			kb_diagc(KB_D_FONTCONFIG, &(struct kb_loc){conf, 0, NULL},
			         "cannot load the font configuration");
		FcConfigDestroy(cfg), cfg = NULL;
	} else if (!FcConfigBuildFonts(cfg)) {
		if (!quiet)
			kb_diagc(KB_D_FONTCONFIG, &(struct kb_loc){conf, 0, NULL},
			         "cannot scan the font directories");
		FcConfigDestroy(cfg), cfg = NULL;
	}
	free(conf);
	return cfg;
}

/* The characters both IPAex families have (NULL: unknown), built once. */
static FcCharSet *cover;
static int cover_tried;

static void
build_cover(const char *datadir)
{
	static const char *const families[] = {KB_FONT_MINCHO, KB_FONT_GOTHIC};
	FcConfig *cfg = load_config(datadir, 1);

	cover_tried = 1;
	for (size_t i = 0; cfg != NULL && i < sizeof(families) / sizeof(families[0]); i++) {
		FcPattern *pat = FcPatternCreate();
		FcObjectSet *os = FcObjectSetBuild(FC_CHARSET, NULL);
		FcFontSet *fs;
		FcCharSet *cs = NULL, *both;

		FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)families[i]);
		fs = FcFontList(cfg, pat, os);
		if (fs != NULL && fs->nfont > 0 &&
		    FcPatternGetCharSet(fs->fonts[0], FC_CHARSET, 0, &cs) == FcResultMatch) {
			both = cover ? FcCharSetIntersect(cover, cs) : FcCharSetCopy(cs);
			if (cover != NULL)
				FcCharSetDestroy(cover);
			cover = both;
		} else if (cover != NULL) {
			FcCharSetDestroy(cover), cover = NULL;
			i = sizeof(families); /* a family is missing: coverage unknown */
		}
		if (fs != NULL)
			FcFontSetDestroy(fs);
		FcObjectSetDestroy(os);
		FcPatternDestroy(pat);
	}
	if (cfg != NULL)
		FcConfigDestroy(cfg);
}

int
kb_fonts_lack(const char *datadir, unsigned int c)
{
	if (!cover_tried)
		build_cover(datadir);
	return cover != NULL && !FcCharSetHasChar(cover, c);
}

int
kb_fonts_init(const char *datadir)
{
	static const struct {
		const char *family, *package;
	} need[] = {{KB_FONT_MINCHO, "fonts-ipaexfont-mincho"},
	            {KB_FONT_GOTHIC, "fonts-ipaexfont-gothic"}};
	FcConfig *cfg;
	int rc = -1;

	if (fontmap != NULL)
		return 0;
	if ((cfg = load_config(datadir, 0)) == NULL)
		return -1;
	for (size_t i = 0; i < sizeof(need) / sizeof(need[0]); i++) {
		if (!has_family(cfg, need[i].family)) {
			kb_diagc(KB_D_FONT_MISSING, NULL,
			         "font %s not found: install the Debian package %s "
			         "(scripts/setup-debian.sh does)",
			         need[i].family, need[i].package);
			goto out;
		}
	}
	fontmap = pango_ft2_font_map_new();
	pango_ft2_font_map_set_resolution(PANGO_FT2_FONT_MAP(fontmap), 72.0, 72.0);
	/* The font map takes its own reference to cfg. */
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fontmap), cfg);
	/*
	 * Pango initialises fontconfig in a thread of its own, started with
	 * the font map; asking for the configuration waits for that thread.
	 * Worker processes are forked later (jobs.c): a fork while it runs
	 * would leave each worker waiting for a thread it does not have.
	 */
	(void)pango_fc_font_map_get_config(PANGO_FC_FONT_MAP(fontmap));
	rc = 0;
out:
	FcConfigDestroy(cfg);
	return rc;
}

void
kb_fonts_fingerprint(struct _GChecksum *sum)
{
	FcFontSet *fs;

	if (fontmap == NULL)
		return;
	fs =
	    FcConfigGetFonts(pango_fc_font_map_get_config(PANGO_FC_FONT_MAP(fontmap)), FcSetSystem);
	for (int i = 0; fs != NULL && i < fs->nfont; i++) {
		FcChar8 *file;
		struct stat st;
		char line[64];
		if (FcPatternGetString(fs->fonts[i], FC_FILE, 0, &file) != FcResultMatch)
			continue;
		g_checksum_update(sum, file, (gssize)strlen((const char *)file) + 1);
		if (stat((const char *)file, &st) == 0) {
			snprintf(line, sizeof(line), "%lld %lld", (long long)st.st_size,
			         (long long)st.st_mtime);
			g_checksum_update(sum, (const guchar *)line, (gssize)strlen(line) + 1);
		}
	}
}

PangoFontMap *
kb_fonts_map(void)
{
	return fontmap;
}

void
kb_fonts_fini(void)
{
	if (cover != NULL)
		FcCharSetDestroy(cover), cover = NULL;
	cover_tried = 0;
	if (fontmap != NULL) {
		g_object_unref(fontmap);
		fontmap = NULL;
	}
}
