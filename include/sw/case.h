/* The station's register: clients, cases, services and activities as
 * import tables, and the rules between their fields. */
#ifndef SW_CASE_H
#define SW_CASE_H

#include <stddef.h>

#include "sw/import.h"

struct sw_store;
struct sw_stmt;

extern const struct sw_table sw_clients_table, sw_cases_table, sw_services_table,
	sw_activities_table;

/* Column positions the rules and commands use. */
enum { CL_ID, CL_NAME, CL_GENDER, CL_BIRTH, CL_IDNO, CL_PHONE, CL_STATION, CL_CATS,
       CL_HUKOU, CL_ADDRESS, CL_REGISTERED };
enum { CA_ID, CA_CLIENT, CA_STATION, CA_WORKER, CA_DOMAIN, CA_OPENED, CA_CLOSED,
       CA_REASON, CA_RISK };
enum { SV_ID, SV_CLIENT, SV_CASE, SV_STATION, SV_WORKER, SV_DATE, SV_TYPE, SV_MINUTES,
       SV_NOTE };

/* Rules between a row's fields, shared by import and "check". v holds
 * normalised values (NULL when empty), indexed by column. Each returns 0,
 * or -1 with why as "column: reason" (no personal data in it).
 * sw_client_rules fills an empty birth_date or gender from the ID, using
 * buf (at least 40 bytes) for the values; it refuses an old 15-digit ID
 * that disagrees with birth_date or sits in a child's row (the first 15
 * digits of an 18-digit ID, more likely) and upgrades the rest to 18; it
 * refuses an 18-digit ID ending in 000 unless s (may be NULL) holds it
 * as confirmed (sw_id_confirm). */
int sw_client_rules(struct sw_store *s, const char **v, char *buf, char *why, size_t whylen);
int sw_case_rules(const char **v, char *why, size_t whylen);

/* Records that a person checked the ID on the card and it really ends in
 * 000 (one real ID in about 1100 does), inside the caller's transaction.
 * id is the ID as typed. 0 stored (or already), -1 after why: not a valid
 * ID, or one that does not end in 000 and needs no confirming; -1 with why
 * empty on a database failure (printed). s NULL: only checks id. */
int sw_id_confirm(struct sw_store *s, const char *id, char *why, size_t whylen);

/* Edits outside imports. Each runs inside the caller's transaction,
 * refuses changes to closed months, records the audit entry, and
 * returns an exit status after printing any problem. */
/* A case whose plan has open goals closes only with goals_left (why they
 * are left; each gets a review "dropped"), else it is refused. */
int sw_case_close(struct sw_store *s, const char *case_id, const char *on, const char *reason,
		  const char *goals_left);
int sw_case_reopen(struct sw_store *s, const char *case_id);
/* Moves DROP's cases and services to KEEP, fills KEEP's empty fields
 * from DROP, deletes DROP. */
int sw_client_merge(struct sw_store *s, const char *keep, const char *drop);

/* Says there is no client id. An argument that looks like a personal
 * value (a name, an ID number, a phone: given for the client_id) is not
 * repeated, and the message says what to give instead. */
void sw_client_missing(const char *id);

/* A new key for tbl.col: prefix followed by the first free number
 * (prefix1, prefix2, ...). 0, or -1 (printed). */
int sw_case_new_id(struct sw_store *s, const char *tbl, const char *col, const char *prefix,
		   char *out, size_t outlen);

/* The register read back (lib/case_query.c): statements ready to step,
 * the caller finalizes. A filter left NULL does not filter. Names, ID
 * numbers and phones come as stored, and a client's age as the birth
 * date: the caller masks them and tells the age (sw/out.h). */
struct sw_client_filter {
	const char *station;	/* the station and those below it */
	const char *category, *status;	/* status: open or closed */
	const char *worker;	/* a case of theirs */
	const char *reg_from, *reg_to, *open_from, *open_to;	/* registered, a case opened */
};
struct sw_stmt *sw_clients_stmt(struct sw_store *s, const struct sw_client_filter *f);
/* A client's record (its column age the birth date), cases and timeline
 * (services and casework by date) into sts; with mask, the address left
 * out. 1, or 0 if there is no such client, -1 on a database error. */
int sw_client_stmts(struct sw_store *s, const char *id, int mask, struct sw_stmt *sts[3]);
/* What needs a person on today: requests pending, open goals due, open
 * cases without a service since since; of station (NULL: all). */
struct sw_stmt *sw_due_stmt(struct sw_store *s, const char *today, const char *since, const char *station);

/* Finalizes what the table hooks keep; before closing the store. */
void sw_case_release(void);

#endif
