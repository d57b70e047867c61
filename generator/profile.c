/* profile.c — per-stage wall time of one process. */
#include "profile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double spent[KB_ST__MAX];
static const char *const names[KB_ST__MAX] = {
    "load", "rules", "plan", "context", "template", "tree", "layout", "write", "register", "sync",
};

double
kb_prof_now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void
kb_prof_add(enum kb_stage stage, double since)
{
	spent[stage] += kb_prof_now() - since;
}

void
kb_prof_report(void)
{
	const char *on = getenv("KOBUN_PROFILE");
	double total = 0;

	if (on == NULL || *on == '\0' || strcmp(on, "0") == 0)
		return;
	for (int i = 0; i < KB_ST__MAX; i++) {
		fprintf(stderr, "kobun: profile: %s %.3f\n", names[i], spent[i]);
		total += spent[i];
	}
	fprintf(stderr, "kobun: profile: total %.3f\n", total);
}
