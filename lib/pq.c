/* libpq, loaded at the first connection to a server (sw/pgpriv.h says
 * why it is not linked). */
#include <dlfcn.h>

#define SW_PQ_LOADER
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/pgpriv.h"

struct sw_pq sw_pq;

int sw_pq_load(void)
{
	static int loaded;
	if (loaded)
		return 0;
	/* the run-time library of Debian's libpq5, which libpq-dev needs;
	 * never closed: what it loads stays for the process */
	void *h = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		sw_error(_("PostgreSQL: cannot load libpq (%s): install libpq5"), dlerror());
		return -1;
	}
	const char *missing = NULL;
#define SW_PQ_LOAD(f) \
	if (!missing && !(*(void **)&sw_pq.f = dlsym(h, #f))) \
		missing = #f;
	SW_PQ_FUNCS(SW_PQ_LOAD)
#undef SW_PQ_LOAD
	if (missing) {
		sw_error(_("PostgreSQL: libpq has no %s: install a newer libpq5"), missing);
		return -1;
	}
	loaded = 1;
	return 0;
}
