/* 五社联动: the organisations a station works with, its volunteers and the
 * hours they give, its resources (资源库) and what was given to whom, as
 * import tables of sw-station. */
#ifndef SW_PARTNERS_H
#define SW_PARTNERS_H

#include "sw/import.h"

extern const struct sw_table sw_orgs_table, sw_volunteers_table, sw_volunteer_hours_table,
	sw_resources_table, sw_resource_uses_table;

#endif
