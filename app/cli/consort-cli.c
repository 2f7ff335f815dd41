/* consort-cli.c: the command-line tool: dispatcher and table of commands.
 *
 * Usage: consort-cli COMMAND [OPTION…] ARGUMENTS.  Each command is one
 * entry in `commands` below; options and --help come from that entry.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "consort-cli.h"

static const ConsortCliOption force_options[] = {
  { "force", 'f', NULL, N_("Replace OUT if it exists (atomically)") },
  { NULL }
};

static const ConsortCliOption summary_options[] = {
  { "json", 0, NULL, N_("Print the figures as JSON (money in pounds)") },
  { "borough", 'b', "ID", N_("Show only this borough’s figures") },
  { "partnership", 0, NULL, N_("Show the whole partnership, not the appraisal’s own borough") },
  { NULL }
};

/* report, chart, table (consort-cli-export.c). */
static const ConsortCliOption report_options[] = {
  { "borough", 'b', "ID", N_("Give this borough’s figures (default: the appraisal’s own borough)") },
  { "partnership", 0, NULL, N_("Give the whole partnership’s figures") },
  { "prepared-by", 0, "NAME", N_("Name on the title page (default: the appraisal’s author)") },
  { "force", 'f', NULL, N_("Replace OUT if it exists (atomically)") },
  { NULL }
};

static const ConsortCliOption chart_options[] = {
  { "chart", 'c', "NAME", N_("The chart: net, cumulative, services or boroughs") },
  { "option", 'o', "ID", N_("The option of the services and boroughs charts (default: the first)") },
  { "borough", 'b', "ID", N_("Show this borough’s figures (default: the appraisal’s own borough)") },
  { "partnership", 0, NULL, N_("Show the whole partnership’s figures") },
  { "width", 'W', "W", N_("Width in pixels (PNG) or points (SVG); default 800") },
  { "height", 'H', "H", N_("Height in pixels (PNG) or points (SVG); default 500") },
  { "force", 'f', NULL, N_("Replace OUT if it exists (atomically)") },
  { NULL }
};

static const ConsortCliOption table_options[] = {
  { "table", 't', "NAME", N_("The table: gross, costs, net, cumulative, summary or services") },
  { "option", 'o', "ID", N_("The option of the services table (default: the first)") },
  { "borough", 'b', "ID", N_("Give this borough’s figures (default: the appraisal’s own borough)") },
  { "partnership", 0, NULL, N_("Give the whole partnership’s figures") },
  { "force", 'f', NULL, N_("Replace OUT if it exists (atomically)") },
  { NULL }
};

/* The subcommands.  To add one (report, chart, table), add its entry
 * here and its run function in a file of its own. */
static const ConsortCliCommand commands[] = {
  {
    "import", N_("IN.json OUT.consort"), 2, 2,
    N_("Read interchange JSON and write it as a Consort document"),
    N_("Reads the interchange JSON file IN.json, checks every rule of the "
       "model and writes the appraisal as a new Consort document OUT.consort. "
       "An existing OUT.consort is left alone unless --force is given; then it "
       "is replaced atomically. IN.json may also be a Consort document, which "
       "is copied."),
    force_options, consort_cli_import,
  },
  {
    "export", N_("IN.consort OUT.json"), 2, 2,
    N_("Write a Consort document as interchange JSON"),
    N_("Writes the appraisal in IN.consort (or in a JSON file) as canonical "
       "interchange JSON to OUT.json, or to standard output if OUT.json is "
       "“-”. Export, import and export again give identical bytes. An existing "
       "OUT.json is left alone unless --force is given."),
    force_options, consort_cli_export,
  },
  {
    "validate", N_("FILE"), 1, 1,
    N_("Check a document or JSON file"),
    N_("Checks that FILE, a Consort document or interchange JSON, is a valid "
       "appraisal whose figures can be computed. Prints a one-line description "
       "and exits with status 0 if it is; otherwise prints one line naming the "
       "file, the place and the problem."),
    NULL, consort_cli_validate,
  },
  {
    "summary", N_("FILE"), 1, 1,
    N_("Print the options’ savings, costs and net savings"),
    N_("Prints the council-paper summary of FILE: options as rows, financial "
       "years as columns and a Total; gross savings, costs and net savings; "
       "net present value and break-even year. The text shows the appraisal’s "
       "own borough (its perspective) unless --borough or --partnership is "
       "given. With --json, prints the partnership and every borough, or only "
       "the borough given with --borough."),
    summary_options, consort_cli_summary,
  },
  {
    "report", N_("FILE OUT.pdf"), 2, 2,
    N_("Write the cabinet report as PDF"),
    N_("Writes the option appraisal report of FILE to OUT.pdf: title page, "
       "summary of options, the council-paper tables, the charts, each option "
       "by service, each borough’s share, feasibility, risk log and "
       "assumptions, with page numbers, the file name and the date on every "
       "page. Figures are the appraisal’s own borough’s unless --borough or "
       "--partnership is given. The date is today’s, or SOURCE_DATE_EPOCH’s "
       "if that is set."),
    report_options, consort_cli_report,
  },
  {
    "chart", N_("FILE OUT.svg|OUT.png"), 2, 2,
    N_("Draw one of the Comparison charts as SVG or PNG"),
    N_("Draws a chart of FILE as on the Comparison page: net (net savings per "
       "year, by option), cumulative (cumulative net savings, break-even "
       "marked), services (one option’s gross savings by service) or boroughs "
       "(each borough’s share of one option). The format follows OUT’s "
       "extension."),
    chart_options, consort_cli_chart,
  },
  {
    "table", N_("FILE OUT.csv|OUT.xlsx"), 2, 2,
    N_("Write one of the tables as CSV or xlsx"),
    N_("Writes a table of FILE for spreadsheets: gross, costs, net or "
       "cumulative (options by financial year), summary (totals, NPV and "
       "break-even per option) or services (one option’s gross savings by "
       "service). CSV is UTF-8 with plain numbers in pounds; OUT “-” prints "
       "it. xlsx has numbers as numbers and totals as formulas."),
    table_options, consort_cli_table,
  },
};

static const ConsortCliCommand *
find_command (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, name))
      return &commands[i];
  return NULL;
}

const char *
consort_cli_get_option (ConsortCliInvocation *inv,
                        const char           *long_name)
{
  return g_hash_table_lookup (inv->values, long_name);
}

gboolean
consort_cli_has_flag (ConsortCliInvocation *inv,
                      const char           *long_name)
{
  return g_hash_table_contains (inv->values, long_name);
}

static void
print_tool_help (FILE *out)
{
  g_autoptr(GString) s = g_string_new (NULL);

  g_string_append_printf (s, _("Usage: %s COMMAND [OPTION…] ARGUMENT…"), "consort-cli");
  g_string_append (s, "\n\n");
  g_string_append (s, _("Works with Consort shared-service option appraisals:\n"
                        "Consort documents (.consort) and interchange JSON (.json)."));
  g_string_append (s, "\n\n");
  g_string_append (s, _("Commands:"));
  g_string_append_c (s, '\n');
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (s, "  %s %s\n      %s\n", commands[i].name,
                            _(commands[i].args), _(commands[i].summary));
  g_string_append_c (s, '\n');
  g_string_append (s, _("Options:"));
  g_string_append_c (s, '\n');
  g_string_append_printf (s, "  -h, --help     %s\n", _("Show this help"));
  g_string_append_printf (s, "  --version      %s\n", _("Show the version"));
  g_string_append_c (s, '\n');
  g_string_append (s, _("Exit status: 0 success; 1 bad input file; "
                        "2 wrong command line;\n3 output not written."));
  g_string_append_c (s, '\n');
  g_string_append_printf (s, _("Run “%s COMMAND --help” for a command’s options."),
                          "consort-cli");
  g_string_append_c (s, '\n');
  fputs (s->str, out);
}

static void
print_command_help (const ConsortCliCommand *cmd)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *wrapped = NULL;
  const char *desc = _(cmd->description);
  gsize col = 0;

  g_string_append_printf (s, _("Usage: %s %s [OPTION…] %s"), "consort-cli",
                          cmd->name, _(cmd->args));
  g_string_append (s, "\n\n");
  g_string_append_printf (s, "%s.\n\n", _(cmd->summary));

  /* Wrap the description at 76 columns, on spaces. */
  {
    g_auto(GStrv) words = g_strsplit (desc, " ", -1);
    for (guint i = 0; words[i]; i++)
      {
        glong len = g_utf8_strlen (words[i], -1);
        if (col > 0 && col + 1 + len > 76)
          {
            g_string_append_c (s, '\n');
            col = 0;
          }
        else if (col > 0)
          {
            g_string_append_c (s, ' ');
            col++;
          }
        g_string_append (s, words[i]);
        col += len;
      }
    g_string_append (s, "\n\n");
  }

  g_string_append (s, _("Options:"));
  g_string_append_c (s, '\n');
  for (const ConsortCliOption *o = cmd->options; o && o->long_name; o++)
    {
      g_autofree char *left = NULL;
      if (o->short_name)
        left = g_strdup_printf ("-%c, --%s%s%s", o->short_name, o->long_name,
                                o->arg_name ? " " : "", o->arg_name ? o->arg_name : "");
      else
        left = g_strdup_printf ("--%s%s%s", o->long_name,
                                o->arg_name ? " " : "", o->arg_name ? o->arg_name : "");
      g_string_append_printf (s, "  %-22s %s\n", left, _(o->help));
    }
  g_string_append_printf (s, "  %-22s %s\n", "-h, --help", _("Show this help"));
  fputs (s->str, stdout);
}

int
consort_cli_usage_error (ConsortCliInvocation *inv,
                         const char           *format,
                         ...)
{
  g_autofree char *message = NULL;
  va_list ap;

  va_start (ap, format);
  message = g_strdup_vprintf (format, ap);
  va_end (ap);

  return consort_cli_fail (CONSORT_CLI_EXIT_USAGE, inv->command->name,
                           _("%s (see “consort-cli %s --help”)"),
                           message, inv->command->name);
}

static const ConsortCliOption *
find_option (const ConsortCliCommand *cmd,
             const char              *long_name,
             char                     short_name)
{
  for (const ConsortCliOption *o = cmd->options; o && o->long_name; o++)
    {
      if (long_name && g_str_equal (o->long_name, long_name))
        return o;
      if (!long_name && short_name && o->short_name == short_name)
        return o;
    }
  return NULL;
}

/* Parses argv (after the command name) into @inv.  Options may come
 * before or after the arguments; "--" ends the options; "-" alone is an
 * argument.  Returns -1 to go on, else an exit status (help printed or
 * error reported). */
static int
parse_command_line (ConsortCliInvocation *inv,
                    int                   argc,
                    char                **argv)
{
  const ConsortCliCommand *cmd = inv->command;
  gboolean options_done = FALSE;

  for (int i = 0; i < argc; i++)
    {
      const char *arg = argv[i];
      const ConsortCliOption *opt = NULL;
      g_autofree char *name = NULL;
      const char *value = NULL;

      if (options_done || arg[0] != '-' || arg[1] == '\0')
        {
          g_ptr_array_add (inv->args, g_strdup (arg));
          continue;
        }
      if (g_str_equal (arg, "--"))
        {
          options_done = TRUE;
          continue;
        }
      if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        {
          print_command_help (cmd);
          return CONSORT_CLI_EXIT_OK;
        }

      if (arg[1] == '-')
        {
          const char *eq = strchr (arg + 2, '=');
          name = eq ? g_strndup (arg + 2, eq - (arg + 2)) : g_strdup (arg + 2);
          if (eq)
            value = eq + 1;
          opt = find_option (cmd, name, 0);
          if (!opt)
            return consort_cli_usage_error (inv, _("unknown option “--%s”"), name);
        }
      else
        {
          /* Short options are single letters; "-bwcc" gives -b its value. */
          opt = find_option (cmd, NULL, arg[1]);
          if (!opt)
            return consort_cli_usage_error (inv, _("unknown option “-%c”"), arg[1]);
          if (arg[2] != '\0')
            {
              if (!opt->arg_name)
                return consort_cli_usage_error (inv, _("option “-%c” takes no value"), arg[1]);
              value = arg + 2;
            }
        }

      if (opt->arg_name)
        {
          if (!value)
            {
              if (i + 1 >= argc)
                return consort_cli_usage_error (inv, _("option “--%s” needs a value %s"),
                                                opt->long_name, opt->arg_name);
              value = argv[++i];
            }
        }
      else if (value)
        return consort_cli_usage_error (inv, _("option “--%s” takes no value"), opt->long_name);

      if (g_hash_table_contains (inv->values, opt->long_name))
        return consort_cli_usage_error (inv, _("option “--%s” is given twice"), opt->long_name);
      g_hash_table_insert (inv->values, g_strdup (opt->long_name),
                           g_strdup (value ? value : ""));
    }

  if ((int) inv->args->len < cmd->min_args || (int) inv->args->len > cmd->max_args)
    {
      if (inv->args->len == 0)
        return consort_cli_usage_error (inv, _("expected %s"), _(cmd->args));
      return consort_cli_usage_error (inv, ngettext ("expected %s, got %u argument",
                                                     "expected %s, got %u arguments",
                                                     inv->args->len),
                                      _(cmd->args), inv->args->len);
    }
  for (guint i = 0; i < inv->args->len; i++)
    if (*(const char *) g_ptr_array_index (inv->args, i) == '\0')
      return consort_cli_usage_error (inv, _("an empty file name is not allowed"));

  return -1;
}

int
main (int    argc,
      char **argv)
{
  const ConsortCliCommand *cmd;
  ConsortCliInvocation inv = { 0 };
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("consort-cli");

  if (argc < 2)
    {
      print_tool_help (stderr);
      return CONSORT_CLI_EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      print_tool_help (stdout);
      return CONSORT_CLI_EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      printf ("consort-cli %s\n", PACKAGE_VERSION);
      return CONSORT_CLI_EXIT_OK;
    }
  if (g_str_equal (argv[1], "help"))
    {
      if (argc == 2)
        {
          print_tool_help (stdout);
          return CONSORT_CLI_EXIT_OK;
        }
      cmd = find_command (argv[2]);
      if (!cmd || argc > 3)
        return consort_cli_fail (CONSORT_CLI_EXIT_USAGE, "help",
                                 _("“%s” is not a command (see “consort-cli --help”)"),
                                 argv[2]);
      print_command_help (cmd);
      return CONSORT_CLI_EXIT_OK;
    }
  if (argv[1][0] == '-')
    return consort_cli_fail (CONSORT_CLI_EXIT_USAGE, argv[1],
                             _("unknown option; a command comes first (see “consort-cli --help”)"));

  cmd = find_command (argv[1]);
  if (!cmd)
    return consort_cli_fail (CONSORT_CLI_EXIT_USAGE, argv[1],
                             _("not a command (see “consort-cli --help”)"));

  inv.command = cmd;
  inv.args = g_ptr_array_new_with_free_func (g_free);
  inv.values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  status = parse_command_line (&inv, argc - 2, argv + 2);
  if (status < 0)
    status = cmd->run (&inv);

  g_ptr_array_unref (inv.args);
  g_hash_table_unref (inv.values);
  if (fflush (stdout) != 0 && status == CONSORT_CLI_EXIT_OK)
    status = consort_cli_fail (CONSORT_CLI_EXIT_OUTPUT, _("standard output"),
                               "%s", g_strerror (errno));
  return status;
}
