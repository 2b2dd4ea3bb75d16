/* getopt_long without abbreviations (see sw/longopt.h). */
#include <string.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/longopt.h"

int sw_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts)
{
	int i = -1, c = getopt_long(argc, argv, shortopts, longopts, &i);
	if (i < 0 || c == '?' || c == ':')
		return c;
	/* the element that held the option: "--name=V", or "--name" before V */
	const char *a = argv[optind - 1];
	if (optarg && a == optarg && optind >= 2)
		a = argv[optind - 2];
	size_t n = strlen(longopts[i].name);
	if (strncmp(a, "--", 2) == 0 && strncmp(a + 2, longopts[i].name, n) == 0 &&
	    (a[2 + n] == 0 || a[2 + n] == '='))
		return c;
	sw_error(_("%.*s: write the option's whole name (--%s)"), (int)strcspn(a, "="), a,
		 longopts[i].name);
	return '?';
}
