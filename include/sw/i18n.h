/* Messages in the user's language, through GNU gettext: _() marks a
 * message and translates it, N_() only marks one (a table's strings,
 * translated where they are printed). The catalogue is po/zh_CN.po. */
#ifndef SW_I18N_H
#define SW_I18N_H

/* Chooses the language: lang "zh" or "en" (--lang), or NULL for the
 * environment (LC_ALL, then LC_MESSAGES, then LANG; zh* is Chinese).
 * Under Chinese without a catalogue to read, warns once and stays English. */
void sw_i18n_init(const char *lang);
/* 1 when messages are in Chinese. */
int sw_i18n_zh(void);

/* The translation of msgid, or msgid itself. */
const char *sw_gettext(const char *msgid) __attribute__((format_arg(1)));
/* Singular or plural by n, translated. */
const char *sw_ngettext(const char *one, const char *many, unsigned long n)
	__attribute__((format_arg(1), format_arg(2)));

/* The translation of msgid in context ctx (gettext's msgctxt), or msgid:
 * the same English word may be a column title in one place and something
 * else in another. */
const char *sw_pgettext(const char *ctx, const char *msgid) __attribute__((format_arg(2)));

#define _(s) sw_gettext(s)
#define N_(s) (s)
/* marks msgid in context ctx, translated where printed with sw_pgettext */
#define NC_(ctx, s) (s)

#endif
