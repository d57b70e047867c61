/* articles.c — the one table of the regulation's provisions that kobun cites, with Kameoka's
 * numbering as the default. */
#include "articles.h"

#include <string.h>

#include "util.h"

/*
 * 亀岡市情報化の推進に関する規程 (平成25年訓令第4号). The only place in
 * generator/ and templates/ where an article number of the city's
 * regulation is written (tests/check_articles.c greps for others).
 */
static const struct {
	const char *key;
	const char *cite;
} table[KB_ART__MAX] = {
    [KB_ART_NONE] = {"", NULL},
    [KB_ART_CIO] = {"cio", "第3条第1項"},
    [KB_ART_CIO_ASSISTANT] = {"cio-assistant", "第4条第1項"},
    [KB_ART_CHIEF_MANAGER] = {"chief-manager", "第5条第1項"},
    [KB_ART_INFO_OFFICER] = {"info-officer", "第6条第1項"},
    [KB_ART_INFO_MANAGER] = {"info-manager", "第7条第1項"},
    [KB_ART_DX_PROMOTER] = {"dx-promoter", "第8条第2項"},
    [KB_ART_DX_REPORT] = {"dx-report", "第8条第3項"},
    [KB_ART_NETWORK_MANAGER] = {"network-manager", "第9条第1項"},
    [KB_ART_SYSTEM_MANAGER] = {"system-manager", "第10条第1項"},
    [KB_ART_COMMITTEE] = {"committee", "第11条"},
    [KB_ART_COMMITTEE_MEMBER] = {"committee-member", "第11条第2項"},
    [KB_ART_COMMITTEE_CHAIR] = {"committee-chair", "第11条第4項"},
    [KB_ART_COMMITTEE_VICE] = {"committee-vice-chair", "第11条第5項"},
    [KB_ART_SUBCOMMITTEE] = {"subcommittee", "第12条第1項"},
    [KB_ART_SUBCOMMITTEE_MEMBER] = {"subcommittee-member", "第12条第2項"},
    [KB_ART_SUBCOMMITTEE_CHAIR] = {"subcommittee-chair", "第12条第3項"},
    [KB_ART_WORKING_GROUP] = {"working-group", "第13条第1項"},
    [KB_ART_WG_MEMBER] = {"working-group-member", "第13条第2項"},
    [KB_ART_WG_CONVENER] = {"working-group-convener", "第13条第3項"},
    [KB_ART_CSIRT] = {"csirt", "第14条第2項"},
    [KB_ART_INCIDENT_REPORT] = {"incident-report", "第14条第4項"},
    [KB_ART_DOC_HANDLING] = {"doc-handling", "第15条"},
    [KB_ART_SYSTEM_PLAN] = {"system-plan", "第16条第1項"},
    [KB_ART_SYSTEM_PLAN_RENEWAL] = {"system-plan-renewal", "第16条第2項"},
    [KB_ART_MAYOR_DELEGATION] = {"mayor-delegation", "第17条"},
};

const char *
kb_art_key(enum kb_art a)
{
	return a < KB_ART__MAX ? table[a].key : "";
}

enum kb_art
kb_art_find(const char *key)
{
	for (int a = KB_ART_NONE + 1; a < KB_ART__MAX; a++)
		if (key != NULL && strcmp(key, table[a].key) == 0)
			return (enum kb_art)a;
	return KB_ART__MAX;
}

const char *
kb_art_default(enum kb_art a)
{
	return a < KB_ART__MAX ? table[a].cite : NULL;
}

const char *
kb_art_keys(void)
{
	static char keys[1024];

	if (keys[0] == '\0') {
		size_t n = 0;
		for (int a = KB_ART_NONE + 1; a < KB_ART__MAX; a++) {
			size_t k = strlen(table[a].key);
			if (n + k + 3 > sizeof(keys))
				break;
			if (n > 0)
				keys[n++] = ',', keys[n++] = ' ';
			memcpy(keys + n, table[a].key, k + 1);
			n += k;
		}
	}
	return keys;
}

const char *
kb_art_cite(char *const *cite, enum kb_art a)
{
	if (a == KB_ART_NONE || a >= KB_ART__MAX)
		return NULL;
	return cite != NULL && cite[a] != NULL ? cite[a] : table[a].cite;
}

char *
kb_art_article(const char *cite)
{
	const char *jo = strstr(cite, "条");

	return jo ? kb_strndup(cite, (size_t)(jo - cite) + strlen("条")) : kb_strdup(cite);
}
