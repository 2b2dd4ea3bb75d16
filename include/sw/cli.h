/* What the library shares with the programs about ending a command. */
#ifndef SW_CLI_H
#define SW_CLI_H

/* Ends a command: checks that stdout was written completely; says so once
 * if not. Returns status, or SW_EXIT_FAIL when status was 0 and stdout
 * failed. */
int sw_cli_finish(int status);

#endif
