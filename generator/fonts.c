/* fonts.c — a private fontconfig configuration holding only the IPAex fonts. */
#include "fonts.h"

#include <fontconfig/fontconfig.h>
#include <pango/pangofc-fontmap.h>
#include <pango/pangoft2.h>
#include <stdlib.h>
#include <string.h>

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

int
kb_fonts_init(const char *datadir)
{
	static const struct {
		const char *family, *package;
	} need[] = {{KB_FONT_MINCHO, "fonts-ipaexfont-mincho"},
	            {KB_FONT_GOTHIC, "fonts-ipaexfont-gothic"}};
	char *conf;
	FcConfig *cfg;
	int rc = -1;

	if (fontmap != NULL)
		return 0;
	conf = kb_asprintf("%s/fonts/fonts.conf", datadir);
	cfg = FcConfigCreate();
	if (!FcConfigParseAndLoad(cfg, (const FcChar8 *)conf, FcTrue)) {
		kb_diagc(KB_D_FONTCONFIG, &(struct kb_loc){conf, 0, NULL},
		         "cannot load the font configuration");
		goto out;
	}
	if (!FcConfigBuildFonts(cfg)) {
		kb_diagc(KB_D_FONTCONFIG, &(struct kb_loc){conf, 0, NULL},
		         "cannot scan the font directories");
		goto out;
	}
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
	rc = 0;
out:
	FcConfigDestroy(cfg);
	free(conf);
	return rc;
}

PangoFontMap *
kb_fonts_map(void)
{
	return fontmap;
}

void
kb_fonts_fini(void)
{
	if (fontmap != NULL) {
		g_object_unref(fontmap);
		fontmap = NULL;
	}
}
