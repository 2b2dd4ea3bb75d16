/* Ending a command, shared by the library's outputs and the programs. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "sw/cli.h"
#include "sw/err.h"
#include "sw/i18n.h"

int sw_cli_finish(int status)
{
	/* Said once: a listing's commit and the program's exit both ask. */
	static int reported;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (!reported)
			sw_error(_("stdout: %s"), strerror(errno ? errno : EIO));
		reported = 1;
		return status ? status : SW_EXIT_FAIL;
	}
	return status;
}
