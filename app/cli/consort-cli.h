/* consort-cli.h: the parts of consort-cli that every subcommand shares.
 *
 * A subcommand is one ConsortCliCommand in the table in consort-cli.c:
 * its name, its arguments, its options and a run function.  The
 * dispatcher parses the command line against the table, so a new
 * command (report, chart, table) is one more table entry and one run
 * function, with --help generated from the same description.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "consort-core.h"

G_BEGIN_DECLS

/* Exit status of consort-cli (docs/cli.md, consort-cli(1)). */
typedef enum {
  CONSORT_CLI_EXIT_OK         = 0,
  CONSORT_CLI_EXIT_BAD_INPUT  = 1,  /* an input file is missing, unreadable or invalid */
  CONSORT_CLI_EXIT_USAGE      = 2,  /* the command line is wrong */
  CONSORT_CLI_EXIT_OUTPUT     = 3,  /* an output could not (or may not) be written */
} ConsortCliExit;

typedef struct {
  const char *long_name;  /* "borough" for --borough */
  char        short_name; /* 0: none */
  const char *arg_name;   /* "ID"; NULL for a flag */
  const char *help;
} ConsortCliOption;

typedef struct _ConsortCliInvocation ConsortCliInvocation;

typedef struct {
  const char             *name;
  const char             *args;         /* "IN.json OUT.consort", for usage */
  int                     min_args;
  int                     max_args;
  const char             *summary;      /* one line, for the command list */
  const char             *description;  /* paragraph for COMMAND --help */
  const ConsortCliOption *options;      /* terminated by a zeroed entry; may be NULL */
  int                   (*run) (ConsortCliInvocation *inv);
} ConsortCliCommand;

struct _ConsortCliInvocation {
  const ConsortCliCommand *command;
  GPtrArray               *args;     /* positional arguments (char *) */
  GHashTable              *values;   /* long option name -> value ("" for a flag) */
};

/* Option values: NULL if not given. */
const char *consort_cli_get_option (ConsortCliInvocation *inv, const char *long_name);
gboolean    consort_cli_has_flag   (ConsortCliInvocation *inv, const char *long_name);

/* Prints "consort-cli: SUBJECT: MESSAGE" as exactly one line on stderr
 * (newlines in the message become spaces) and returns @code. */
int consort_cli_fail (int         code,
                      const char *subject,
                      const char *format,
                      ...) G_GNUC_PRINTF (3, 4);

/* A usage error of @inv's command, with a pointer to its --help. */
int consort_cli_usage_error (ConsortCliInvocation *inv,
                             const char           *format,
                             ...) G_GNUC_PRINTF (2, 3);

typedef enum {
  CONSORT_CLI_INPUT_JSON,
  CONSORT_CLI_INPUT_DOCUMENT,
} ConsortCliInputKind;

/* Loads an appraisal from @path, a .consort document or interchange
 * JSON, told apart by content (the SQLite header), not by name.  The
 * file is only read: documents are opened read-only.  The appraisal is
 * validated.  On failure, reports the one-line error and stores the exit
 * status in @exit_code. */
ConsortAppraisal *consort_cli_load (const char          *path,
                                    ConsortCliInputKind *kind_out,
                                    int                 *exit_code);

/* Checks that @out may be written: it is not the same file as any of
 * @inputs (NULL-terminated) and, without @force, does not exist yet.
 * Reports and returns an exit status other than 0 if not. */
int consort_cli_check_output (const char         *out,
                              const char * const *inputs,
                              gboolean            force);

/* Writes @data to @out atomically (a temporary file in the same
 * directory, renamed over @out).  "-" writes to standard output. */
int consort_cli_write_text (const char *out,
                            const char *data,
                            gsize       length);

/* Writes @appraisal as a new .consort document at @out: created under a
 * temporary name in the same directory and renamed over @out, so a
 * reader never sees a half-written file and a failure leaves @out as it
 * was. */
int consort_cli_write_document (const char             *out,
                                const ConsortAppraisal *appraisal);

/* Computes @appraisal's figures; on failure (overflow) reports it
 * against @path and stores the exit status in @status. */
ConsortResults *consort_cli_compute (const char       *path,
                                     ConsortAppraisal *appraisal,
                                     int              *status);

/* Resolves a --borough ID to a borough index in @party; reports an id
 * the appraisal lacks (listing the ids it has) and returns
 * CONSORT_CLI_EXIT_USAGE. */
int consort_cli_find_borough (const char             *path,
                              const ConsortAppraisal *appraisal,
                              const char             *id,
                              int                    *party);

/* Writes @text to standard output as UTF-8 bytes, whatever the locale. */
int consort_cli_print (const char *text);

/* The subcommands (consort-cli-commands.c). */
int consort_cli_import   (ConsortCliInvocation *inv);
int consort_cli_export   (ConsortCliInvocation *inv);
int consort_cli_validate (ConsortCliInvocation *inv);
int consort_cli_summary  (ConsortCliInvocation *inv);

/* report, chart, table (consort-cli-export.c). */
int consort_cli_report   (ConsortCliInvocation *inv);
int consort_cli_chart    (ConsortCliInvocation *inv);
int consort_cli_table    (ConsortCliInvocation *inv);

G_END_DECLS
