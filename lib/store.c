/* Where the data lives (sw/store.h): a SQLite file or a PostgreSQL
 * server. The port's storage interface grows here. */
#include <string.h>

#include "sw/store.h"

int sw_store_is_server(const char *db)
{
	/* libpq's URI prefixes, and a service of ~/.pg_service.conf */
	return db && (strncmp(db, "postgresql://", 13) == 0 || strncmp(db, "postgres://", 11) == 0 ||
		      strncmp(db, "service=", 8) == 0);
}
