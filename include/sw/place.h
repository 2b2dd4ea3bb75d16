/* Where an employment record belongs when it has no station_code of its
 * own: the station of its district's division, or the database's only
 * station (lib/report_place.c). One placer per database. */
#ifndef SW_PLACE_H
#define SW_PLACE_H

#include "sw/report.h"

struct sw_placer;

/* Reads db's stations and divisions, naming stations by their index in n.
 * Returns NULL after printing a database error. */
struct sw_placer *sw_placer_new(const struct sw_net *n, struct sw_store *db);
void sw_placer_free(struct sw_placer *p);
/* The index in n of the station a record belongs to: station (a code) if
 * given, else the station of the division that district or district2
 * names (by code or by name, the nearest station up the divisions), else
 * the database's only station; -1 when none can be told. */
int sw_placer_find(const struct sw_placer *p, const char *station, const char *district,
		   const char *district2);
/* The placer of n's database d (lib/report_net.c made one for each). */
const struct sw_placer *sw_net_placer(const struct sw_net *n, int d);

#endif
