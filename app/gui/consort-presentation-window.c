/* consort-presentation-window.c: the charts full screen, one at a time.
 *
 * Left/Right, Page Up/Down, Space and Backspace move between charts,
 * Home/End go to the first/last, Escape leaves.  Keys are taken in the
 * capture phase so that a focused button cannot swallow Space.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "consort-presentation-window.h"

#include <glib/gi18n.h>

#include "consort-chart-view.h"

#define PRESENTATION_SCALE 1.75
#define SUMMARY_SCALE 1.6

struct _ConsortPresentationWindow
{
  AdwWindow         parent_instance;
  GPtrArray        *charts;  /* ConsortChart* */
  guint             position;
  gboolean          has_summary;
  char             *summary_title;
  char             *summary_subtitle;

  GtkLabel         *title_label;
  GtkLabel         *subtitle_label;
  GtkLabel         *position_label;
  ConsortChartView *chart_view;
  GtkStack         *slide_stack;
  GtkGrid          *summary_grid;
};

G_DEFINE_FINAL_TYPE (ConsortPresentationWindow, consort_presentation_window, ADW_TYPE_WINDOW)

static guint
n_slides (ConsortPresentationWindow *self)
{
  return self->charts->len + (self->has_summary ? 1 : 0);
}

static void
update (ConsortPresentationWindow *self)
{
  ConsortChart *chart = NULL;
  g_autofree char *position = NULL;
  guint n = n_slides (self);
  gboolean summary;

  if (n > 0)
    self->position = MIN (self->position, n - 1);
  summary = self->has_summary && self->position == 0;
  if (!summary && self->charts->len > 0)
    chart = g_ptr_array_index (self->charts, self->position - (self->has_summary ? 1 : 0));
  consort_chart_view_set_chart (self->chart_view, chart);
  gtk_stack_set_visible_child_name (self->slide_stack, summary ? "summary" : "chart");
  if (summary)
    {
      gtk_label_set_text (self->title_label, self->summary_title);
      gtk_label_set_text (self->subtitle_label, self->summary_subtitle);
    }
  else
    {
      gtk_label_set_text (self->title_label, chart ? consort_chart_get_title (chart) : _("No Charts"));
      gtk_label_set_text (self->subtitle_label, chart ? consort_chart_get_subtitle (chart) : "");
    }
  /* TRANSLATORS: position among the charts, then how to move */
  position = g_strdup_printf (_("%u of %u  ·  ← → to move, Esc to leave"),
                              n ? self->position + 1 : 0, n);
  gtk_label_set_text (self->position_label, position);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "presentation.previous", self->position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "presentation.next", self->position + 1 < n);
}

void
consort_presentation_window_set_charts (ConsortPresentationWindow *self,
                                        ConsortChart             **charts,
                                        guint                      n_charts)
{
  g_return_if_fail (CONSORT_IS_PRESENTATION_WINDOW (self));

  g_ptr_array_set_size (self->charts, 0);
  for (guint i = 0; i < n_charts; i++)
    if (charts[i] != NULL)
      g_ptr_array_add (self->charts, consort_chart_ref (charts[i]));
  update (self);
}

void
consort_presentation_window_set_summary (ConsortPresentationWindow *self,
                                         const char                *title,
                                         const char                *subtitle,
                                         guint                      n_rows,
                                         guint                      n_columns,
                                         const char * const        *cells,
                                         int                        highlight)
{
  GtkWidget *child;
  gboolean had = self->has_summary;

  g_return_if_fail (CONSORT_IS_PRESENTATION_WINDOW (self));
  g_return_if_fail (n_rows == 0 || cells != NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->summary_grid))) != NULL)
    gtk_grid_remove (self->summary_grid, child);
  g_free (self->summary_title);
  g_free (self->summary_subtitle);
  self->summary_title = g_strdup (title ? title : "");
  self->summary_subtitle = g_strdup (subtitle ? subtitle : "");
  self->has_summary = n_rows > 0 && n_columns > 0;

  /* Large type by Pango attributes: it scales with the theme's font. */
  for (guint r = 0; r < n_rows && self->has_summary; r++)
    for (guint c = 0; c < n_columns; c++)
      {
        GtkWidget *label = gtk_label_new (cells[r * n_columns + c]);
        PangoAttrList *attrs = pango_attr_list_new ();
        gboolean heading = r == 0;

        pango_attr_list_insert (attrs, pango_attr_scale_new (heading ? SUMMARY_SCALE * 0.8 : SUMMARY_SCALE));
        pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
        if (heading || c + 3 == n_columns)  /* headings and Total */
          pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
        gtk_label_set_attributes (GTK_LABEL (label), attrs);
        pango_attr_list_unref (attrs);
        gtk_label_set_xalign (GTK_LABEL (label), c == 0 ? 0.0 : 1.0);
        if (c == 0)
          {
            gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
            /* Characters of the unscaled font: about 36 large ones. */
            gtk_label_set_max_width_chars (GTK_LABEL (label), 58);
          }
        if (heading)
          gtk_widget_add_css_class (label, "dim-label");
        if ((int) r == highlight && r > 0 && c + 3 == n_columns)
          gtk_widget_add_css_class (label, "accent");
        gtk_grid_attach (self->summary_grid, label, (int) c, r == 0 ? 0 : (int) r + 1, 1, 1);
      }
  if (self->has_summary)
    gtk_grid_attach (self->summary_grid, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL), 0, 1, (int) n_columns, 1);

  /* The same chart stays in view when the summary comes or goes. */
  if (had != self->has_summary && self->position > 0)
    self->position = self->has_summary ? self->position + 1 : self->position - 1;
  update (self);
}

gboolean
consort_presentation_window_has_summary (ConsortPresentationWindow *self)
{
  g_return_val_if_fail (CONSORT_IS_PRESENTATION_WINDOW (self), FALSE);
  return self->has_summary;
}

void
consort_presentation_window_set_position (ConsortPresentationWindow *self,
                                          guint                      position)
{
  g_return_if_fail (CONSORT_IS_PRESENTATION_WINDOW (self));
  self->position = position;
  update (self);
}

guint
consort_presentation_window_get_position (ConsortPresentationWindow *self)
{
  g_return_val_if_fail (CONSORT_IS_PRESENTATION_WINDOW (self), 0);
  return self->position;
}

gboolean
consort_presentation_window_move (ConsortPresentationWindow *self,
                                  int                        delta)
{
  gint64 target;

  g_return_val_if_fail (CONSORT_IS_PRESENTATION_WINDOW (self), FALSE);
  target = (gint64) self->position + delta;
  if (target < 0 || target >= (gint64) n_slides (self))
    return FALSE;
  self->position = (guint) target;
  update (self);
  return TRUE;
}

static gboolean
key_pressed_cb (ConsortPresentationWindow *self,
                guint                      keyval,
                guint                      keycode,
                GdkModifierType            state,
                GtkEventControllerKey     *controller)
{
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
    case GDK_KEY_space:
    case GDK_KEY_Down:
      consort_presentation_window_move (self, 1);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
    case GDK_KEY_BackSpace:
    case GDK_KEY_Up:
      consort_presentation_window_move (self, -1);
      return TRUE;
    case GDK_KEY_Home:
      consort_presentation_window_set_position (self, 0);
      return TRUE;
    case GDK_KEY_End:
      consort_presentation_window_set_position (self, n_slides (self) ? n_slides (self) - 1 : 0);
      return TRUE;
    case GDK_KEY_Escape:
      gtk_window_close (GTK_WINDOW (self));
      return TRUE;
    default:
      return FALSE;
    }
}

static void
previous_action (GtkWidget *widget, const char *name, GVariant *param)
{
  consort_presentation_window_move (CONSORT_PRESENTATION_WINDOW (widget), -1);
}

static void
next_action (GtkWidget *widget, const char *name, GVariant *param)
{
  consort_presentation_window_move (CONSORT_PRESENTATION_WINDOW (widget), 1);
}

GtkWidget *
consort_presentation_window_new (GtkWindow *parent)
{
  return g_object_new (CONSORT_TYPE_PRESENTATION_WINDOW,
                       "transient-for", parent,
                       "modal", FALSE,
                       NULL);
}

static void
consort_presentation_window_dispose (GObject *object)
{
  ConsortPresentationWindow *self = CONSORT_PRESENTATION_WINDOW (object);

  g_clear_pointer (&self->charts, g_ptr_array_unref);
  g_clear_pointer (&self->summary_title, g_free);
  g_clear_pointer (&self->summary_subtitle, g_free);
  G_OBJECT_CLASS (consort_presentation_window_parent_class)->dispose (object);
}

static void
consort_presentation_window_class_init (ConsortPresentationWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = consort_presentation_window_dispose;

  g_type_ensure (CONSORT_TYPE_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/consortapp/Consort/consort-presentation-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ConsortPresentationWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, ConsortPresentationWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, ConsortPresentationWindow, position_label);
  gtk_widget_class_bind_template_child (widget_class, ConsortPresentationWindow, chart_view);
  gtk_widget_class_bind_template_child (widget_class, ConsortPresentationWindow, slide_stack);
  gtk_widget_class_bind_template_child (widget_class, ConsortPresentationWindow, summary_grid);

  gtk_widget_class_install_action (widget_class, "presentation.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "presentation.next", NULL, next_action);
}

static void
consort_presentation_window_init (ConsortPresentationWindow *self)
{
  GtkEventController *keys;

  self->charts = g_ptr_array_new_with_free_func ((GDestroyNotify) consort_chart_unref);
  gtk_widget_init_template (GTK_WIDGET (self));

  consort_chart_view_set_scale (self->chart_view, PRESENTATION_SCALE);
  consort_chart_view_set_draw_title (self->chart_view, FALSE);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  update (self);
}
