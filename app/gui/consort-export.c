/* consort-export.c: exports and printing in the application.
 *
 * Everything here is drawn by libconsort-render, the code consort-cli
 * uses: the report's pages are typeset once (ConsortReport) and then
 * written to PDF, drawn by GtkPrintOperation page by page, or shown in
 * the preview window, so all three are paginated alike.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "consort-export.h"

#include <adwaita.h>
#include <string.h>

#include <glib/gi18n.h>

/* Helpers */

static ConsortDocument *
widget_document (GtkWidget *widget)
{
  ConsortDocument *document = NULL;

  /* Borrowed: the widget keeps its document. */
  g_object_get (widget, "document", &document, NULL);
  if (document)
    g_object_unref (document);
  return document;
}

static void
toast (GtkWidget *widget, const char *text)
{
  gtk_widget_activate_action (widget, "win.toast", "s", text);
}

static char *
safe_file_stem (const char *title)
{
  GString *s = g_string_new (NULL);

  for (const char *p = title ? title : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<'
          || c == '>' || c == '|')
        g_string_append_c (s, ' ');
      else
        g_string_append_unichar (s, c);
    }
  g_strstrip (s->str);
  s->len = strlen (s->str);
  if (s->len == 0)
    g_string_append (s, _("Appraisal"));
  return g_string_free (s, FALSE);
}

static const char *
document_title (ConsortDocument *document)
{
  ConsortAppraisal *a = consort_document_get_appraisal (document);
  return a && a->title && *a->title ? a->title : _("Appraisal");
}

/* Work without dialogs */

ConsortReport *
consort_export_new_report (ConsortDocument *document,
                           int              party,
                           GError         **error)
{
  g_autoptr(ConsortResults) results = NULL;
  g_autoptr(GDateTime) date = g_date_time_new_now_local ();
  g_autofree char *base = NULL;
  ConsortReportOptions options = { 0 };
  const char *path;

  results = consort_document_get_results (document, error);
  if (!results)
    return NULL;
  consort_results_ref (results);
  path = consort_document_get_path (document);
  base = path ? g_path_get_basename (path) : NULL;
  options.party = party;
  options.file_name = base;
  options.date = date;
  return consort_report_new (results, &options, error);
}

gboolean
consort_export_report_to_pdf (ConsortDocument *document,
                              int              party,
                              const char      *path,
                              GError         **error)
{
  g_autoptr(ConsortReport) report = consort_export_new_report (document, party, error);

  return report && consort_report_save_pdf (report, path, error);
}

gboolean
consort_export_table_to_file (ConsortDocument  *document,
                              ConsortTableKind  kind,
                              int               option_index,
                              int               party,
                              const char       *path,
                              GError          **error)
{
  ConsortResults *results = consort_document_get_results (document, error);
  g_autoptr(ConsortTable) table = NULL;

  if (!results)
    return FALSE;
  table = consort_table_new (results, kind, option_index, party, error);
  return table && consort_table_save (table, path, error);
}

gboolean
consort_export_chart_to_file (ConsortChart *chart,
                              const char   *path,
                              int           width,
                              int           height,
                              GError      **error)
{
  ConsortChartStyle style;

  /* Exports go into documents and slides: the light style, drawn at 1:1. */
  consort_chart_style_init_light (&style);
  return consort_chart_save (chart, path, width, height, &style, error);
}

gboolean
consort_export_chart_table_to_file (ConsortChart *chart,
                                    const char   *path,
                                    GError      **error)
{
  g_autoptr(ConsortTable) table = consort_table_new_from_chart (chart);
  return consort_table_save (table, path, error);
}

/* Save dialogs */

typedef void (*SaveFunc) (GtkWidget *widget, const char *path, gpointer data);

typedef struct {
  GtkWidget     *widget;
  SaveFunc       func;
  gpointer       data;
  GDestroyNotify destroy;
} SaveRequest;

static void
save_response (GtkNativeDialog *dialog,
               int              response,
               SaveRequest     *req)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path)
        req->func (req->widget, path, req->data);
    }
  if (req->destroy)
    req->destroy (req->data);
  g_object_unref (req->widget);
  g_free (req);
  g_object_unref (dialog);
}

static void
ask_save_path (GtkWidget     *widget,
               const char    *title,
               const char    *name,
               const char    *filter_name,
               const char    *pattern,
               SaveFunc       func,
               gpointer       data,
               GDestroyNotify destroy)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter = gtk_file_filter_new ();
  SaveRequest *req = g_new0 (SaveRequest, 1);

  dialog = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);

  req->widget = g_object_ref (widget);
  req->func = func;
  req->data = data;
  req->destroy = destroy;
  g_signal_connect (dialog, "response", G_CALLBACK (save_response), req);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
report_outcome (GtkWidget *widget, const char *path, GError *error)
{
  if (error)
    {
      toast (widget, error->message);
    }
  else
    {
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *text = g_strdup_printf (_("Exported “%s”"), base);
      toast (widget, text);
    }
}

/* The party a widget's exports take: the Comparison page's choice, else
 * the appraisal's own view. */
static int
widget_party (GtkWidget *widget)
{
  if (CONSORT_IS_COMPARISON_PAGE (widget))
    return consort_comparison_page_get_party (CONSORT_COMPARISON_PAGE (widget));
  return CONSORT_REPORT_PERSPECTIVE;
}

static int
resolved_party (GtkWidget *widget, ConsortDocument *document)
{
  int party = widget_party (widget);
  ConsortAppraisal *a = consort_document_get_appraisal (document);

  if (party == CONSORT_REPORT_PERSPECTIVE)
    party = a->perspective ? consort_appraisal_borough_index (a, a->perspective) : -1;
  return party;
}

/* export.report: typeset and written in a thread, as a London-wide
 * appraisal makes a report of a hundred pages and more.  The results
 * are immutable and reference-counted, so the thread shares them. */

typedef struct {
  ConsortResults *results;
  int             party;
  char           *path;
  char           *file_name;
} ReportJob;

static void
report_job_free (ReportJob *job)
{
  consort_results_unref (job->results);
  g_free (job->path);
  g_free (job->file_name);
  g_free (job);
}

static void
report_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  ReportJob *job = data;
  g_autoptr(GDateTime) date = g_date_time_new_now_local ();
  g_autoptr(ConsortReport) report = NULL;
  g_autoptr(GError) error = NULL;
  ConsortReportOptions options = { job->party, job->file_name, date, NULL };

  report = consort_report_new (job->results, &options, &error);
  if (report && consort_report_save_pdf (report, job->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
report_done (GObject *source, GAsyncResult *result, gpointer data)
{
  GtkWidget *widget = GTK_WIDGET (source);
  ReportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  report_outcome (widget, job->path, error);
}

static void
save_report (GtkWidget *widget, const char *path, gpointer data)
{
  ConsortDocument *document = widget_document (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  ConsortResults *results;
  ReportJob *job;
  const char *doc_path;

  if (!document)
    return;
  results = consort_document_get_results (document, &error);
  if (!results)
    {
      toast (widget, error->message);
      return;
    }
  job = g_new0 (ReportJob, 1);
  job->results = consort_results_ref (results);
  job->party = widget_party (widget);
  job->path = g_strdup (path);
  doc_path = consort_document_get_path (document);
  job->file_name = doc_path ? g_path_get_basename (doc_path) : NULL;

  task = g_task_new (widget, NULL, report_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) report_job_free);
  g_task_run_in_thread (task, report_thread);
  toast (widget, _("Exporting the report…"));
}

static void
report_activated (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GtkWidget *widget = user_data;
  ConsortDocument *document = widget_document (widget);
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;

  if (!document)
    return;
  stem = safe_file_stem (document_title (document));
  name = g_strdup_printf ("%s.pdf", stem);
  ask_save_path (widget, _("Export Report"), name, _("PDF documents"), "*.pdf",
                 save_report, NULL, NULL);
}

/* export.table */

static void
save_table (GtkWidget *widget, const char *path, gpointer data)
{
  ConsortDocument *document = widget_document (widget);
  ConsortTableKind kind = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;

  if (!document)
    return;
  consort_export_table_to_file (document, kind, 0, resolved_party (widget, document), path, &error);
  report_outcome (widget, path, error);
}

static void
table_activated (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GtkWidget *widget = user_data;
  ConsortDocument *document = widget_document (widget);
  const char *spec = g_variant_get_string (param, NULL);
  g_auto(GStrv) parts = g_strsplit (spec, ".", 2);
  ConsortTableKind kind;
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;
  gboolean xlsx;

  if (!document || !parts[0] || !parts[1] || !consort_table_kind_from_string (parts[0], &kind))
    return;
  xlsx = g_str_equal (parts[1], "xlsx");
  stem = safe_file_stem (document_title (document));
  name = g_strdup_printf ("%s – %s.%s", stem, parts[0], xlsx ? "xlsx" : "csv");
  ask_save_path (widget, _("Export Table"), name,
                 xlsx ? _("Excel workbooks") : _("CSV files"), xlsx ? "*.xlsx" : "*.csv",
                 save_table, GINT_TO_POINTER (kind), NULL);
}

/* Printing and the preview */

typedef struct {
  ConsortReport            *report;
  GtkPrintOperationPreview *preview;
  GtkPrintContext          *context;
  GtkWidget                *area;
  GtkWidget                *label;
  GtkWidget                *prev;
  GtkWidget                *next;
  guint                     page;
} Preview;

static void
preview_free (Preview *p)
{
  if (p->preview)
    gtk_print_operation_preview_end_preview (p->preview);
  g_clear_object (&p->preview);
  g_clear_object (&p->context);
  consort_report_unref (p->report);
  g_free (p);
}

static void
preview_update (Preview *p)
{
  guint n = consort_report_get_n_pages (p->report);
  g_autofree char *text = g_strdup_printf (_("Page %u of %u"), p->page + 1, n);

  gtk_label_set_text (GTK_LABEL (p->label), text);
  gtk_widget_set_sensitive (p->prev, p->page > 0);
  gtk_widget_set_sensitive (p->next, p->page + 1 < n);
  gtk_widget_queue_draw (p->area);
}

static void
preview_draw (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  Preview *p = data;
  double pw, ph, scale, x, y;
  const double margin = 16;

  consort_report_get_page_size (p->report, p->page, &pw, &ph);
  scale = MIN ((width - 2 * margin) / pw, (height - 2 * margin) / ph);
  if (scale <= 0)
    return;
  x = (width - pw * scale) / 2;
  y = (height - ph * scale) / 2;

  /* A desk behind the paper, in light and dark style alike. */
  cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.25);
  cairo_paint (cr);

  /* The sheet of paper, with a soft edge, then the page on it. */
  cairo_set_source_rgba (cr, 0, 0, 0, 0.18);
  cairo_rectangle (cr, x + 2, y + 3, pw * scale, ph * scale);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, pw * scale, ph * scale);
  cairo_fill (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  consort_report_render_page (p->report, cr, p->page);
}

static void
preview_prev (GtkButton *button, Preview *p)
{
  if (p->page > 0)
    p->page--;
  preview_update (p);
}

static void
preview_next (GtkButton *button, Preview *p)
{
  if (p->page + 1 < consort_report_get_n_pages (p->report))
    p->page++;
  preview_update (p);
}

static gboolean
preview_key (GtkEventControllerKey *controller, guint keyval, guint keycode,
             GdkModifierType state, Preview *p)
{
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_Page_Up:
      preview_prev (NULL, p);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_Page_Down:
      preview_next (NULL, p);
      return TRUE;
    case GDK_KEY_Home:
      p->page = 0;
      preview_update (p);
      return TRUE;
    case GDK_KEY_End:
      p->page = consort_report_get_n_pages (p->report) - 1;
      preview_update (p);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
preview_print (GtkButton *button, GtkWindow *window)
{
  Preview *p = g_object_get_data (G_OBJECT (window), "consort-preview");
  GtkWindow *parent = gtk_window_get_transient_for (window);
  ConsortReport *report = consort_report_ref (p->report);

  gtk_window_destroy (window);
  consort_export_print (parent, report, FALSE);
  consort_report_unref (report);
}

static GtkWidget *
preview_window_new (GtkWindow *parent, ConsortReport *report, GtkPrintOperationPreview *op_preview,
                    GtkPrintContext *context)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *nav = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *print;
  GtkEventController *keys;
  Preview *p = g_new0 (Preview, 1);

  p->report = consort_report_ref (report);
  p->preview = op_preview ? g_object_ref (op_preview) : NULL;
  p->context = context ? g_object_ref (context) : NULL;

  gtk_window_set_title (GTK_WINDOW (window), _("Print Preview"));
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 900);
  if (parent)
    {
      gtk_window_set_transient_for (GTK_WINDOW (window), parent);
      gtk_window_set_modal (GTK_WINDOW (window), TRUE);
    }

  p->prev = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_widget_set_tooltip_text (p->prev, _("Previous Page"));
  p->next = gtk_button_new_from_icon_name ("go-next-symbolic");
  gtk_widget_set_tooltip_text (p->next, _("Next Page"));
  p->label = gtk_label_new (NULL);
  gtk_widget_add_css_class (p->label, "numeric");
  gtk_box_append (GTK_BOX (nav), p->prev);
  gtk_box_append (GTK_BOX (nav), p->label);
  gtk_box_append (GTK_BOX (nav), p->next);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), nav);

  print = gtk_button_new_with_mnemonic (_("_Print…"));
  gtk_widget_add_css_class (print, "suggested-action");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), print);

  p->area = gtk_drawing_area_new ();
  gtk_widget_set_vexpand (p->area, TRUE);
  gtk_widget_add_css_class (p->area, "view");
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (p->area), preview_draw, p, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (p->area), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Page of the report as it will be printed"), -1);

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), p->area);
  adw_window_set_content (ADW_WINDOW (window), box);

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (preview_key), p);
  gtk_widget_add_controller (window, keys);
  g_signal_connect (p->prev, "clicked", G_CALLBACK (preview_prev), p);
  g_signal_connect (p->next, "clicked", G_CALLBACK (preview_next), p);
  g_signal_connect (print, "clicked", G_CALLBACK (preview_print), window);
  g_object_set_data_full (G_OBJECT (window), "consort-preview", p, (GDestroyNotify) preview_free);
  preview_update (p);
  return window;
}

static void
request_page_setup (GtkPrintOperation *op,
                    GtkPrintContext   *context,
                    int                page_nr,
                    GtkPageSetup      *setup,
                    ConsortReport     *report)
{
  if (page_nr < 0 || (guint) page_nr >= consort_report_get_n_pages (report))
    return;
  gtk_page_setup_set_orientation (setup, consort_report_page_is_landscape (report, page_nr)
                                         ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                         : GTK_PAGE_ORIENTATION_PORTRAIT);
}

static void
draw_page (GtkPrintOperation *op,
           GtkPrintContext   *context,
           int                page_nr,
           ConsortReport     *report)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double w = gtk_print_context_get_width (context);
  double h = gtk_print_context_get_height (context);
  double pw, ph, scale;

  if (page_nr < 0 || (guint) page_nr >= consort_report_get_n_pages (report))
    return;
  consort_report_get_page_size (report, page_nr, &pw, &ph);
  /* Full page in points: A4 draws 1:1; other paper is fitted. */
  scale = MIN (w / pw, h / ph);
  cairo_save (cr);
  cairo_translate (cr, (w - pw * scale) / 2, (h - ph * scale) / 2);
  cairo_scale (cr, scale, scale);
  consort_report_render_page (report, cr, page_nr);
  cairo_restore (cr);
}

static gboolean
preview_requested (GtkPrintOperation        *op,
                   GtkPrintOperationPreview *op_preview,
                   GtkPrintContext          *context,
                   GtkWindow                *parent,
                   ConsortReport            *report)
{
  GtkWidget *window = preview_window_new (parent, report, op_preview, context);

  gtk_window_present (GTK_WINDOW (window));
  return TRUE;
}

static GtkPrintOperation *
new_print_operation (ConsortReport *report)
{
  GtkPrintOperation *op = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  GtkPaperSize *a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_paper_size_free (a4);
  gtk_print_operation_set_default_page_setup (op, setup);
  gtk_print_operation_set_n_pages (op, consort_report_get_n_pages (report));
  gtk_print_operation_set_use_full_page (op, TRUE);
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (op, FALSE);
  gtk_print_operation_set_job_name (op, _("Option appraisal report"));
  /* The operation keeps the report for its callbacks. */
  g_object_set_data_full (G_OBJECT (op), "consort-report", consort_report_ref (report),
                          (GDestroyNotify) consort_report_unref);
  g_signal_connect (op, "request-page-setup", G_CALLBACK (request_page_setup), report);
  g_signal_connect (op, "draw-page", G_CALLBACK (draw_page), report);
  g_signal_connect (op, "preview", G_CALLBACK (preview_requested), report);
  return op;
}

void
consort_export_print (GtkWindow     *parent,
                      ConsortReport *report,
                      gboolean       preview)
{
  g_autoptr(GtkPrintOperation) op = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  if (preview)
    {
      /* The same window the print dialog's Preview button opens. */
      GtkWidget *window = preview_window_new (parent, report, NULL, NULL);
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  op = new_print_operation (report);
  result = gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && parent)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.toast", "s", error->message);
}

gboolean
consort_export_print_to_file (ConsortReport *report,
                              const char    *path,
                              GError       **error)
{
  g_autoptr(GtkPrintOperation) op = new_print_operation (report);

  gtk_print_operation_set_export_filename (op, path);
  return gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error)
         != GTK_PRINT_OPERATION_RESULT_ERROR;
}

static void
print_common (GtkWidget *widget, gboolean preview)
{
  ConsortDocument *document = widget_document (widget);
  g_autoptr(ConsortReport) report = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (!document)
    return;
  report = consort_export_new_report (document, widget_party (widget), &error);
  if (!report)
    {
      toast (widget, error->message);
      return;
    }
  consort_export_print (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, report, preview);
}

static void
print_activated (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  print_common (user_data, FALSE);
}

static void
print_preview_activated (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  print_common (user_data, TRUE);
}

/* The "export" group */

static void
update_enabled (GtkWidget *widget, GParamSpec *pspec, GSimpleActionGroup *group)
{
  gboolean enabled = widget_document (widget) != NULL;
  static const char *const names[] = { "report", "print", "print-preview", "table" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (group), names[i]);
      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
    }
}

void
consort_export_install_actions (GtkWidget *widget)
{
  const GActionEntry entries[] = {
    { "report", report_activated, NULL, NULL, NULL },
    { "print", print_activated, NULL, NULL, NULL },
    { "print-preview", print_preview_activated, NULL, NULL, NULL },
    { "table", table_activated, "s", NULL, NULL },
  };
  GSimpleActionGroup *group = g_simple_action_group_new ();

  g_return_if_fail (g_object_class_find_property (G_OBJECT_GET_CLASS (widget), "document"));

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), widget);
  gtk_widget_insert_action_group (widget, "export", G_ACTION_GROUP (group));
  /* GTK 4.8 cannot look an inserted group up again: keep it at hand. */
  g_object_set_data_full (G_OBJECT (widget), "consort-export-actions", g_object_ref (group), g_object_unref);
  g_signal_connect_object (widget, "notify::document", G_CALLBACK (update_enabled), group, 0);
  update_enabled (widget, NULL, group);
  g_object_unref (group);
}

static void
append_table_items (GMenu *menu, const char *format)
{
  static const struct { const char *kind; const char *label; } tables[] = {
    { "gross", N_("Gross Savings") },
    { "costs", N_("One-off Costs") },
    { "net", N_("Net Savings") },
    { "cumulative", N_("Cumulative Net Savings") },
    { "summary", N_("Summary of Options") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *target = g_strdup_printf ("%s.%s", tables[i].kind, format);
      g_autoptr(GMenuItem) item = g_menu_item_new (_(tables[i].label), NULL);
      g_menu_item_set_action_and_target (item, "export.table", "s", target);
      g_menu_append_item (menu, item);
    }
}

GMenu *
consort_export_new_menu_section (void)
{
  GMenu *section = g_menu_new ();
  g_autoptr(GMenu) csv = g_menu_new ();
  g_autoptr(GMenu) xlsx = g_menu_new ();

  g_menu_append (section, _("Export _Report as PDF…"), "export.report");
  g_menu_append (section, _("_Print Report…"), "export.print");
  g_menu_append (section, _("Print Pre_view"), "export.print-preview");
  append_table_items (csv, "csv");
  append_table_items (xlsx, "xlsx");
  g_menu_append_submenu (section, _("Export Table as _CSV"), G_MENU_MODEL (csv));
  g_menu_append_submenu (section, _("Export Table as _Spreadsheet"), G_MENU_MODEL (xlsx));
  return section;
}

/* Chart cards */

typedef struct {
  ConsortComparisonPage *page;   /* weak: the card's group lives in the page */
  ConsortChartKind       kind;
  char                  *format;
  int                    width;
  int                    height;
} ChartExport;

static void
chart_export_free (ChartExport *ce)
{
  g_free (ce->format);
  g_free (ce);
}

static ConsortChart *
card_chart (ConsortComparisonPage *page, ConsortChartKind kind)
{
  ConsortChartView *view = consort_comparison_page_get_chart_view (page, kind);
  return view ? consort_chart_view_get_chart (view) : NULL;
}

static void
save_chart (GtkWidget *widget, const char *path, gpointer data)
{
  ChartExport *ce = data;
  ConsortChart *chart = card_chart (CONSORT_COMPARISON_PAGE (widget), ce->kind);
  g_autoptr(GError) error = NULL;

  if (!chart)
    return;
  if (g_str_equal (ce->format, "csv") || g_str_equal (ce->format, "xlsx"))
    consort_export_chart_table_to_file (chart, path, &error);
  else
    consort_export_chart_to_file (chart, path, ce->width, ce->height, &error);
  report_outcome (widget, path, error);
}

static void
ask_chart_path (ConsortComparisonPage *page, ChartExport *ce)
{
  ConsortChart *chart = card_chart (page, ce->kind);
  g_autofree char *stem = safe_file_stem (chart ? consort_chart_get_title (chart) : _("Chart"));
  g_autofree char *name = g_strdup_printf ("%s.%s", stem, ce->format);
  g_autofree char *pattern = g_strdup_printf ("*.%s", ce->format);
  const char *filter = g_str_equal (ce->format, "svg") ? _("SVG images")
                     : g_str_equal (ce->format, "png") ? _("PNG images")
                     : g_str_equal (ce->format, "csv") ? _("CSV files") : _("Excel workbooks");

  ask_save_path (GTK_WIDGET (page), _("Export Chart"), name, filter, pattern,
                 save_chart, ce, (GDestroyNotify) chart_export_free);
}

static void
size_response (AdwMessageDialog *dialog, const char *response, ChartExport *ce)
{
  GtkSpinButton *w = g_object_get_data (G_OBJECT (dialog), "width");
  GtkSpinButton *h = g_object_get_data (G_OBJECT (dialog), "height");

  if (g_str_equal (response, "export") && ce->page)
    {
      ce->width = gtk_spin_button_get_value_as_int (w);
      ce->height = gtk_spin_button_get_value_as_int (h);
      ask_chart_path (ce->page, ce);
      return;
    }
  chart_export_free (ce);
}

static GtkWidget *
size_row (const char *label, GtkWidget *spin)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *l = gtk_label_new_with_mnemonic (label);

  gtk_label_set_mnemonic_widget (GTK_LABEL (l), spin);
  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_widget_set_hexpand (l, TRUE);
  gtk_box_append (GTK_BOX (box), l);
  gtk_box_append (GTK_BOX (box), spin);
  return box;
}

static void
chart_image_activated (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  ChartExport *proto = user_data;
  ChartExport *ce = g_new0 (ChartExport, 1);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (proto->page));
  GtkWidget *dialog, *box, *w, *h;
  gboolean png = g_str_equal (proto->format, "png");

  ce->page = proto->page;
  ce->kind = proto->kind;
  ce->format = g_strdup (proto->format);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   png ? _("Export Chart as PNG") : _("Export Chart as SVG"),
                                   png ? _("Size of the image in pixels.")
                                       : _("Size of the drawing in points (1/72 inch)."));
  w = gtk_spin_button_new_with_range (200, 8000, 10);
  h = gtk_spin_button_new_with_range (150, 8000, 10);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (w), png ? 1600 : 800);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (h), png ? 1000 : 500);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), size_row (_("_Width"), w));
  gtk_box_append (GTK_BOX (box), size_row (_("_Height"), h));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "export", _("_Choose File…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "width", w);
  g_object_set_data (G_OBJECT (dialog), "height", h);
  g_signal_connect (dialog, "response", G_CALLBACK (size_response), ce);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
chart_table_activated (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  ChartExport *proto = user_data;
  ChartExport *ce = g_new0 (ChartExport, 1);

  ce->page = proto->page;
  ce->kind = proto->kind;
  ce->format = g_strdup (proto->format);
  ask_chart_path (proto->page, ce);
}

static void
add_chart_action (GActionMap            *map,
                  ConsortComparisonPage *page,
                  ConsortChartKind       kind,
                  const char            *name,
                  const char            *format,
                  GCallback              callback)
{
  GSimpleAction *action = g_simple_action_new (name, NULL);
  ChartExport *proto = g_new0 (ChartExport, 1);

  proto->page = page;
  proto->kind = kind;
  proto->format = g_strdup (format);
  g_signal_connect_data (action, "activate", callback, proto,
                         (GClosureNotify) (void (*) (void)) chart_export_free, 0);
  g_action_map_add_action (map, G_ACTION (action));
  g_object_unref (action);
}

void
consort_export_setup_comparison_page (ConsortComparisonPage *page)
{
  GMenu *page_section = consort_comparison_page_get_export_section (page);
  GMenu *chart_section = consort_comparison_page_get_chart_export_section (page);
  g_autoptr(GMenu) items = consort_export_new_menu_section ();

  consort_export_install_actions (GTK_WIDGET (page));

  /* The page's menu: the report, printing and the tables. */
  for (int i = 0; i < g_menu_model_get_n_items (G_MENU_MODEL (items)); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new_from_model (G_MENU_MODEL (items), i);
      g_menu_append_item (page_section, item);
    }

  /* Each card's menu: the chart as an image, its numbers as a table. */
  g_menu_append (chart_section, _("Export as _SVG…"), "chart.export-svg");
  g_menu_append (chart_section, _("Export as _PNG…"), "chart.export-png");
  g_menu_append (chart_section, _("Export Numbers as _CSV…"), "chart.export-csv");
  g_menu_append (chart_section, _("Export Numbers as Spreads_heet…"), "chart.export-xlsx");
  for (ConsortChartKind kind = 0; kind < CONSORT_N_CHART_KINDS; kind++)
    {
      GActionMap *map = consort_comparison_page_get_chart_actions (page, kind);

      if (!map)
        continue;
      add_chart_action (map, page, kind, "export-svg", "svg", G_CALLBACK (chart_image_activated));
      add_chart_action (map, page, kind, "export-png", "png", G_CALLBACK (chart_image_activated));
      add_chart_action (map, page, kind, "export-csv", "csv", G_CALLBACK (chart_table_activated));
      add_chart_action (map, page, kind, "export-xlsx", "xlsx", G_CALLBACK (chart_table_activated));
    }
}
