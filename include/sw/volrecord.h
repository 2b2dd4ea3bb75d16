/* The volunteer service record (志愿服务记录证明) of one volunteer over a
 * period, as 《志愿服务记录与证明出具办法（试行）》 (民政部, 2020) and the
 * recommended form of 民发〔2015〕149号 lay it out: who (name, ID type and
 * number masked, volunteer number), each service (date, activity or
 * service, content, hours) and the total, who issues it (the volunteer's
 * station) with the seal, the date of issue and a certificate number.
 * -f html prints it on A4 portrait; the listing formats give one row per
 * service, for the national platform. */
#ifndef SW_VOLRECORD_H
#define SW_VOLRECORD_H

struct sw_store;

struct sw_volrec {
	const char *volunteer;	/* volunteer_id */
	const char *from, *to;	/* the period; NULL: from the first, to the last hours */
	const char *on;		/* date of issue, or NULL: a blank filled in by hand */
	const char *path;	/* output; NULL or "-" is stdout */
	int fmt;		/* an sw_fmt, or SW_FMT_HTML for the certificate */
};

/* Writes the record. The same rows give the same bytes: nothing is read
 * from the clock, and the certificate number is a hash of the volunteer,
 * the period and the rows. Returns 0; 1 when there is no such volunteer
 * or no hours in the period (printed, nothing written); -1 on a failure
 * (printed, nothing written). */
int sw_volrec_write(struct sw_store *s, const struct sw_volrec *r);

#endif
