/* The workforce beyond the roster: supervision sessions (督导), training
 * (培训) and each worker's certificates with the day obtained, as import
 * tables of sw-station. */
#ifndef SW_STAFF_H
#define SW_STAFF_H

#include "sw/import.h"

extern const struct sw_table sw_supervision_table, sw_training_table, sw_certificates_table;

#endif
