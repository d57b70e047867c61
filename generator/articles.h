/* articles.h — the regulation as a profile: the citation of each provision kobun knows, by a stable
 * key, Kameoka's numbering by default, overridden by organization.xml. */
#ifndef KB_ARTICLES_H
#define KB_ARTICLES_H

/*
 * The provisions of the city's regulation that kobun cites. Laws that are
 * not the regulation (個人情報保護法, 番号法) are not here: their numbering
 * is the same for every city. The keys are the names organization.xml uses
 * in <regulation><article key="" cite=""/>; the order is the regulation's.
 */
enum kb_art {
	KB_ART_NONE,          /* no provision (structural checks) */
	KB_ART_CIO,           /* cio: 第3条第1項 */
	KB_ART_CIO_ASSISTANT, /* cio-assistant: 第4条第1項 */
	KB_ART_CHIEF_MANAGER, /* chief-manager: 第5条第1項 */
	KB_ART_INFO_OFFICER,  /* info-officer: 第6条第1項 */
	KB_ART_INFO_MANAGER,  /* info-manager: 第7条第1項 */
	KB_ART_DX_PROMOTER,   /* dx-promoter: 第8条第2項 (the nomination) */
	KB_ART_DX_REPORT,     /* dx-report: 第8条第3項 (the report to the 情報政策課長) */
	KB_ART_NETWORK_MANAGER,     /* network-manager: 第9条第1項 */
	KB_ART_SYSTEM_MANAGER,      /* system-manager: 第10条第1項 */
	KB_ART_COMMITTEE,           /* committee: 第11条 */
	KB_ART_COMMITTEE_MEMBER,    /* committee-member: 第11条第2項 */
	KB_ART_COMMITTEE_CHAIR,     /* committee-chair: 第11条第4項 */
	KB_ART_COMMITTEE_VICE,      /* committee-vice-chair: 第11条第5項 */
	KB_ART_SUBCOMMITTEE,        /* subcommittee: 第12条第1項 */
	KB_ART_SUBCOMMITTEE_MEMBER, /* subcommittee-member: 第12条第2項 */
	KB_ART_SUBCOMMITTEE_CHAIR,  /* subcommittee-chair: 第12条第3項 */
	KB_ART_WORKING_GROUP,       /* working-group: 第13条第1項 */
	KB_ART_WG_MEMBER,           /* working-group-member: 第13条第2項 */
	KB_ART_WG_CONVENER,         /* working-group-convener: 第13条第3項 */
	KB_ART_CSIRT,               /* csirt: 第14条第2項 (its members) */
	KB_ART_INCIDENT_REPORT,     /* incident-report: 第14条第4項 */
	KB_ART_DOC_HANDLING,        /* doc-handling: 第15条 (庶務 by the 情報政策課) */
	KB_ART_SYSTEM_PLAN,         /* system-plan: 第16条第1項 */
	KB_ART_SYSTEM_PLAN_RENEWAL, /* system-plan-renewal: 第16条第2項 */
	KB_ART_MAYOR_DELEGATION,    /* mayor-delegation: 第17条 */
	KB_ART__MAX                 /* the number of entries; not a provision */
};

/* The key of a (static string; "" for KB_ART_NONE). */
const char *kb_art_key(enum kb_art a);
/* The provision whose key is key, or KB_ART__MAX when there is none. */
enum kb_art kb_art_find(const char *key);
/* Kameoka's citation of a (static string; NULL for KB_ART_NONE). */
const char *kb_art_default(enum kb_art a);
/* The keys kobun knows, joined with ", " (static string, for messages and docs). */
const char *kb_art_keys(void);

/*
 * The citation of a in a profile: cite[a] when the profile gives it, else
 * the default. cite may be NULL (no profile); the result is owned by the
 * profile or static, NULL only for KB_ART_NONE.
 */
const char *kb_art_cite(char *const *cite, enum kb_art a);
/*
 * The article a citation lies in, its text up to and including the first
 * 条 ("第8条第3項" → "第8条"); a new string, owned by the caller.
 */
char *kb_art_article(const char *cite);

#endif
