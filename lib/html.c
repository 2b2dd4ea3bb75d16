/* Pieces of the HTML pages (see sw/html.h). */
#include "sw/html.h"
#include "sw/i18n.h"

void sw_html_put(FILE *fp, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '<': fputs("&lt;", fp); break;
		case '>': fputs("&gt;", fp); break;
		case '&': fputs("&amp;", fp); break;
		case '"': fputs("&quot;", fp); break;
		default: putc(*s, fp);
		}
}

void sw_html_begin(FILE *fp, const char *title)
{
	fprintf(fp, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
		sw_i18n_zh() ? "zh-CN" : "en");
	sw_html_put(fp, title);
	fputs("</title>\n", fp);
}
