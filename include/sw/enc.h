/* The encoding of a text file written for a person: UTF-8, UTF-8 with a
 * byte-order mark (what Excel needs to read UTF-8 CSV as such) or GB18030
 * (what Excel on a Chinese Windows reads and writes). The program writes
 * UTF-8; an encoded file converts it on the way out (lib/out_enc.c, iconv). */
#ifndef SW_ENC_H
#define SW_ENC_H

enum sw_enc { SW_ENC_UTF8, SW_ENC_UTF8_BOM, SW_ENC_GB18030 };

/* "utf-8" (or "utf8"), "utf-8-bom", "gb18030", in any case; -1 if unknown. */
int sw_enc_parse(const char *s);

/* --output-encoding for listings, exports and reports written with
 * sw_out_open (sw/out.h); -1 when not given: UTF-8. Set by cmd/. */
extern int sw_out_encoding;

struct sw_file;
/* 1 if f ends up in a file (standard output too, when redirected to one),
 * which a person may open; 0 for a pipe or a terminal, read by programs. */
int sw_file_to_file(const struct sw_file *f);
/* Applies sw_out_encoding to a listing in fmt (enum sw_fmt) opened on f:
 * to text (csv, tsv, table, md); JSON is UTF-8 by its standard, another
 * encoding asked is refused. 0, or -1 with a message printed. */
int sw_out_encode(struct sw_file *f, int fmt);
/* Writes f in enc from here on; call it before anything is written, at
 * most once (later calls do nothing). UTF-8 is written as it is; a BOM is
 * put first; GB18030 is converted through a stream that stands in for
 * f->fp until sw_file_commit, which fails (and leaves no file) if any of
 * it could not be converted. 0, or -1 with a message printed (the commit
 * then fails too). */
int sw_file_encode(struct sw_file *f, int enc);
/* Called by sw_file_commit and sw_file_abort: ends the conversion and
 * puts the file's own stream back in f->fp. 0, or -1 (printed unless
 * quiet) if the text could not all be converted or written. */
int sw_file_unencode(struct sw_file *f, int quiet);

#endif
