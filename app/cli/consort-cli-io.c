/* consort-cli-io.c: reading inputs, writing outputs and reporting errors
 * for consort-cli.  Inputs are only ever read; outputs are written under
 * a temporary name and renamed into place.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "consort-cli.h"

/* Every SQLite 3 database starts with these 16 bytes (NUL included). */
static const char sqlite_magic[16] = "SQLite format 3";

/* Interchange files are small; this only stops a stray huge file from
 * being read into memory. */
#define MAX_INPUT_SIZE ((gsize) 256 * 1024 * 1024)

int
consort_cli_fail (int         code,
                  const char *subject,
                  const char *format,
                  ...)
{
  g_autofree char *message = NULL;
  va_list ap;

  va_start (ap, format);
  message = g_strdup_vprintf (format, ap);
  va_end (ap);

  /* Exactly one line, whatever the library's message holds. */
  g_strdelimit (message, "\r\n", ' ');
  g_strchomp (message);
  fflush (stdout);
  fprintf (stderr, "consort-cli: %s: %s\n", subject, message);
  fflush (stderr);
  return code;
}

int
consort_cli_print (const char *text)
{
  gsize len = strlen (text);

  if (len > 0 && fwrite (text, 1, len, stdout) != len)
    return consort_cli_fail (CONSORT_CLI_EXIT_OUTPUT, _("standard output"),
                             "%s", g_strerror (errno));
  return CONSORT_CLI_EXIT_OK;
}

/* Reads @path: at most MAX_INPUT_SIZE bytes; only the first 16 if
 * @header_only.  On failure, reports and returns FALSE. */
static gboolean
read_input (const char *path,
            gboolean    header_only,
            GString    *out,
            int        *exit_code)
{
  struct stat st;
  char buf[65536];
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      int saved = errno;
      *exit_code = consort_cli_fail (CONSORT_CLI_EXIT_BAD_INPUT, path,
                                     _("cannot open: %s"), g_strerror (saved));
      return FALSE;
    }
  if (fstat (fd, &st) == 0 && S_ISDIR (st.st_mode))
    {
      close (fd);
      *exit_code = consort_cli_fail (CONSORT_CLI_EXIT_BAD_INPUT, path,
                                     _("cannot read: it is a folder, not a file"));
      return FALSE;
    }

  for (;;)
    {
      gsize want = header_only ? sizeof sqlite_magic - out->len : sizeof buf;
      gssize n;

      if (want == 0)
        break;
      n = read (fd, buf, want);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          close (fd);
          *exit_code = consort_cli_fail (CONSORT_CLI_EXIT_BAD_INPUT, path,
                                         _("cannot read: %s"), g_strerror (saved));
          return FALSE;
        }
      if (n == 0)
        break;
      if (out->len + (gsize) n > MAX_INPUT_SIZE)
        {
          close (fd);
          *exit_code = consort_cli_fail (CONSORT_CLI_EXIT_BAD_INPUT, path,
                                         _("too large: over %u MiB"),
                                         (guint) (MAX_INPUT_SIZE / 1024 / 1024));
          return FALSE;
        }
      g_string_append_len (out, buf, n);
    }
  close (fd);
  return TRUE;
}

static gboolean
looks_like_json (const GString *data)
{
  gsize i = 0;

  /* A UTF-8 byte order mark, then white space, then an object. */
  if (data->len >= 3 && memcmp (data->str, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < data->len && g_ascii_isspace (data->str[i]))
    i++;
  return i < data->len && (data->str[i] == '{' || data->str[i] == '[');
}

static ConsortAppraisal *
load_document (const char *path,
               int        *exit_code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsortAppraisal) appraisal = NULL;
  ConsortDocument *doc;

  /* Read-only: an older file is not migrated on disk, and nothing is
   * ever written to an input. */
  doc = consort_document_open (path, CONSORT_OPEN_READ_ONLY, &error);
  if (!doc)
    {
      *exit_code = consort_cli_fail (CONSORT_CLI_EXIT_BAD_INPUT, path, "%s",
                                     error ? error->message : _("cannot open the document"));
      return NULL;
    }
  appraisal = consort_document_get_appraisal (doc);
  if (appraisal)
    consort_appraisal_ref (appraisal);
  consort_document_close (doc);
  g_object_unref (doc);

  if (!appraisal)
    {
      *exit_code = consort_cli_fail (CONSORT_CLI_EXIT_BAD_INPUT, path,
                                     _("the document holds no appraisal"));
      return NULL;
    }
  return g_steal_pointer (&appraisal);
}

ConsortAppraisal *
consort_cli_load (const char          *path,
                  ConsortCliInputKind *kind_out,
                  int                 *exit_code)
{
  g_autoptr(GString) data = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ConsortAppraisal) appraisal = NULL;
  ConsortCliInputKind kind;

  if (!read_input (path, TRUE, data, exit_code))
    return NULL;

  if (data->len == sizeof sqlite_magic &&
      memcmp (data->str, sqlite_magic, sizeof sqlite_magic) == 0)
    {
      kind = CONSORT_CLI_INPUT_DOCUMENT;
      appraisal = load_document (path, exit_code);
      if (!appraisal)
        return NULL;
    }
  else
    {
      kind = CONSORT_CLI_INPUT_JSON;
      g_string_truncate (data, 0);
      if (!read_input (path, FALSE, data, exit_code))
        return NULL;

      if (data->len == 0)
        {
          *exit_code = consort_cli_fail (CONSORT_CLI_EXIT_BAD_INPUT, path,
                                         _("the file is empty: neither a Consort "
                                           "document nor interchange JSON"));
          return NULL;
        }
      /* Content decides; the name only matters for text that is neither. */
      if (!looks_like_json (data) && !g_str_has_suffix (path, ".json"))
        {
          *exit_code = consort_cli_fail (CONSORT_CLI_EXIT_BAD_INPUT, path,
                                         _("neither a Consort document (no SQLite "
                                           "header) nor interchange JSON"));
          return NULL;
        }
      appraisal = consort_json_read_data (data->str, data->len, &error);
      if (!appraisal)
        {
          *exit_code = consort_cli_fail (CONSORT_CLI_EXIT_BAD_INPUT, path, "%s",
                                         error ? error->message : _("cannot be read"));
          return NULL;
        }
    }

  /* The JSON reader validates already; a document is checked here too
   * so that both kinds meet the same rules. */
  if (!consort_appraisal_validate (appraisal, &error))
    {
      *exit_code = consort_cli_fail (CONSORT_CLI_EXIT_BAD_INPUT, path, "%s", error->message);
      return NULL;
    }

  if (kind_out)
    *kind_out = kind;
  return g_steal_pointer (&appraisal);
}

int
consort_cli_check_output (const char         *out,
                          const char * const *inputs,
                          gboolean            force)
{
  struct stat out_st;

  if (g_str_equal (out, "-"))
    return CONSORT_CLI_EXIT_OK;
  if (g_lstat (out, &out_st) != 0)
    {
      if (errno == ENOENT)
        return CONSORT_CLI_EXIT_OK;
      return consort_cli_fail (CONSORT_CLI_EXIT_OUTPUT, out, _("cannot write: %s"),
                               g_strerror (errno));
    }

  /* Follow a symbolic link to compare with the inputs. */
  if (S_ISLNK (out_st.st_mode) && g_stat (out, &out_st) != 0)
    memset (&out_st, 0, sizeof out_st);

  for (guint i = 0; inputs && inputs[i]; i++)
    {
      struct stat in_st;
      if (g_stat (inputs[i], &in_st) == 0 &&
          in_st.st_dev == out_st.st_dev && in_st.st_ino == out_st.st_ino)
        return consort_cli_fail (CONSORT_CLI_EXIT_OUTPUT, out,
                                 _("is also the input; an input is never overwritten"));
    }

  if (S_ISDIR (out_st.st_mode))
    return consort_cli_fail (CONSORT_CLI_EXIT_OUTPUT, out, _("is a folder"));
  if (!force)
    return consort_cli_fail (CONSORT_CLI_EXIT_OUTPUT, out,
                             _("already exists (use --force to replace it)"));
  return CONSORT_CLI_EXIT_OK;
}

/* A unique temporary name next to @out, so that renaming it over @out
 * is atomic; the file is created (empty, mode 0600) and its descriptor
 * returned, or -1 with errno set. */
static int
make_temp_beside (const char  *out,
                  char       **tmp_out)
{
  g_autofree char *dir = g_path_get_dirname (out);
  g_autofree char *base = g_path_get_basename (out);
  g_autofree char *tmpl = g_strdup_printf (".%s.XXXXXX", base);
  char *tmp = g_build_filename (dir, tmpl, NULL);
  int fd = g_mkstemp (tmp);

  if (fd < 0)
    {
      int saved = errno;
      g_free (tmp);
      errno = saved;
      return -1;
    }
  *tmp_out = tmp;
  return fd;
}

int
consort_cli_write_text (const char *out,
                        const char *data,
                        gsize       length)
{
  g_autofree char *tmp = NULL;
  gsize done = 0;
  mode_t mask;
  int fd;

  if (g_str_equal (out, "-"))
    {
      if (length > 0 && fwrite (data, 1, length, stdout) != length)
        return consort_cli_fail (CONSORT_CLI_EXIT_OUTPUT, _("standard output"),
                                 "%s", g_strerror (errno));
      return CONSORT_CLI_EXIT_OK;
    }

  fd = make_temp_beside (out, &tmp);
  if (fd < 0)
    return consort_cli_fail (CONSORT_CLI_EXIT_OUTPUT, out, _("cannot write: %s"),
                             g_strerror (errno));

  /* An ordinary file's permissions, not mkstemp's 0600. */
  mask = umask (0);
  umask (mask);
  fchmod (fd, 0666 & ~mask);

  while (done < length)
    {
      gssize n = write (fd, data + done, length - done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      done += n;
    }
  {
    int saved = 0;

    if (done < length || fsync (fd) != 0)
      saved = errno != 0 ? errno : EIO;
    if (close (fd) != 0 && saved == 0)
      saved = errno;
    if (saved == 0 && g_rename (tmp, out) != 0)
      saved = errno;
    if (saved == 0)
      return CONSORT_CLI_EXIT_OK;

    g_unlink (tmp);
    return consort_cli_fail (CONSORT_CLI_EXIT_OUTPUT, out, _("cannot write: %s"),
                             g_strerror (saved));
  }
}

static void
remove_with_sidecars (const char *path)
{
  static const char *const suffixes[] = { "", "-journal", "-wal", "-shm" };

  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (path, suffixes[i], NULL);
      g_unlink (p);
    }
}

int
consort_cli_write_document (const char             *out,
                            const ConsortAppraisal *appraisal)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  ConsortDocument *doc;
  int fd;

  /* Reserve a unique name next to @out; the document is then created
   * afresh under it. */
  fd = make_temp_beside (out, &tmp);
  if (fd < 0)
    return consort_cli_fail (CONSORT_CLI_EXIT_OUTPUT, out, _("cannot write: %s"),
                             g_strerror (errno));
  close (fd);
  g_unlink (tmp);

  doc = consort_document_create (tmp, appraisal, &error);
  if (!doc)
    {
      remove_with_sidecars (tmp);
      return consort_cli_fail (CONSORT_CLI_EXIT_OUTPUT, out, _("cannot write: %s"),
                               error ? error->message : _("unknown error"));
    }
  consort_document_close (doc);
  g_object_unref (doc);

  if (g_rename (tmp, out) != 0)
    {
      int saved = errno;
      remove_with_sidecars (tmp);
      return consort_cli_fail (CONSORT_CLI_EXIT_OUTPUT, out, _("cannot write: %s"),
                               g_strerror (saved));
    }
  return CONSORT_CLI_EXIT_OK;
}
