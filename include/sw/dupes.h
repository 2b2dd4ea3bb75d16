/* Probable duplicate clients, found through blocking keys (indexes over
 * exact values and one-deletion name variants), never by comparing all
 * pairs. */
#ifndef SW_DUPES_H
#define SW_DUPES_H

struct sw_store;

/* Name key: text-normalised (full-width folded), white space removed,
 * ASCII lowercased. out must hold strlen(name) + 1. */
void sw_name_key(const char *name, char *out);

/* A pair of probable duplicates. */
struct sw_dupe {
	const char *client_a, *client_b;	/* client_a < client_b */
	int score;
	const char *reasons;			/* "reason; reason" */
};

/* Finds the pairs of clients on s and gives fn those of score min_score
 * and above, by score (highest first), client_a and client_b. score: 100
 * same ID, 90 same name and birth date, 85 same name and phone, 70/65
 * names one character apart with the same birth date/phone, 60 names that
 * differ only by spaces or full-width characters; each further reason
 * adds 5, up to 100. A phone shared by more than SW_DUPES_PLACEHOLDER
 * clients is a placeholder (13800000000 for "none"): it pairs nobody and
 * is said once on stderr, by the count and the first client, never the
 * value (an ID number cannot be: the register holds each once), before
 * the first pair. Returns 0; -1 after printing a database error; or what
 * fn returned when not 0, which stops it. */
#define SW_DUPES_PLACEHOLDER 20
int sw_dupes_find(struct sw_store *s, int min_score, int (*fn)(void *arg, const struct sw_dupe *d),
		  void *arg);

#endif
