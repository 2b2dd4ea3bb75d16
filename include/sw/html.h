/* What the pages for people share (the report, the scorecard, the
 * volunteer record): escaping, the opening of a page and the CJK font
 * stack that prints the same on Debian, Windows and macOS. */
#ifndef SW_HTML_H
#define SW_HTML_H

#include <stdio.h>

/* -f html where a program writes a page: beside enum sw_fmt (sw/out.h). */
#define SW_FMT_HTML 100

/* Fonts Debian ships (fonts-noto-cjk), then Windows' and macOS's, then
 * whatever the reader has: the page stays readable without any of them. */
#define SW_HTML_FONTS \
	"\"Noto Sans CJK SC\",\"Noto Serif CJK SC\",\"Source Han Sans SC\"," \
	"\"Microsoft YaHei\",\"SimSun\",sans-serif"

/* Writes s with < > & " escaped, for text and attribute values. */
void sw_html_put(FILE *fp, const char *s);

/* The page up to and including its <title>: doctype, the language of the
 * interface (zh-CN or en), UTF-8. The caller writes its <style>, then
 * </head>. */
void sw_html_begin(FILE *fp, const char *title);

#endif
