/* fuzz_records.c — libFuzzer target: arbitrary bytes as a records file, through every stage to the display list. */
#include <libxml/tree.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "context.h"
#include "plan.h"
#include "diag.h"
#include "dl.h"
#include "fonts.h"
#include "layout.h"
#include "load.h"
#include "model.h"
#include "roles.h"
#include "rules.h"
#include "template.h"
#include "tree.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct kb_loader *ld;
static struct kb_templates *tpl;
static struct kb_layout *lo;
static char path[64];

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kb_input in = {0};
	struct kb_plan plan;
	kb_buf sink = {0};
	FILE *f;

	if (ld == NULL) {
		ld = kb_loader_new(KOBUN_DATADIR);
		if (ld == NULL || kb_fonts_init(KOBUN_DATADIR) != 0)
			abort();
		tpl = kb_templates_new(KOBUN_DATADIR);
		lo = kb_layout_new();
		snprintf(path, sizeof(path), "/tmp/kobun-fuzz-%d.xml", (int)getpid());
	}
	f = fopen(path, "wb");
	if (f == NULL)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	/* Diagnostics are expected by the thousand: keep them off the terminal. */
	kb_diag_capture(&sink);
	if (kb_load_org(ld, KOBUN_DATADIR "/input/organization.xml", &in) != 0)
		abort();
	kb_load_records(ld, path, &in);
	kb_check_run(&in);
	{
		kb_plan_make(&in, KOBUN_DATADIR, &plan);
		for (size_t i = 0; i < plan.ndocs && i < 8; i++) {
			xmlDoc *ctx = kb_context_build(&in, &plan.docs[i]);
			xmlDoc *tree = kb_template_apply(tpl, plan.docs[i].kind, ctx);
			if (tree != NULL && kb_tree_validate(tpl, tree, "fuzz") == 0) {
				struct kb_node *kt = kb_tree_from_xml(tree, "fuzz");
				if (kt != NULL)
					kb_dl_free(kb_layout_run(lo, kt));
				kb_tree_free(kt);
			}
			if (tree != NULL)
				xmlFreeDoc(tree);
			xmlFreeDoc(ctx);
		}
		kb_plan_free(&plan);
	}
	kb_input_free(&in);
	kb_diag_capture(NULL);
	kb_buf_free(&sink);
	kb_diag_reset();
	return 0;
}
