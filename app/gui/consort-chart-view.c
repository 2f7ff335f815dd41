/* consort-chart-view.c: a widget that shows one ConsortChart.
 *
 * The chart is drawn by consort_chart_render() into a cairo node of a
 * private GtkSnapshot; the resulting render node is kept and appended as
 * it is until the size, the theme or the figures change, so redrawing the
 * page (hover, scrolling) costs nothing.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "consort-chart-view.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

struct _ConsortChartView
{
  GtkWidget          parent_instance;
  ConsortChart      *chart;
  double             scale;
  gboolean           draw_title;

  GskRenderNode     *node;
  int                node_width;
  int                node_height;
  ConsortChartStyle  node_style;
};

G_DEFINE_FINAL_TYPE (ConsortChartView, consort_chart_view, GTK_TYPE_WIDGET)

static void
invalidate (ConsortChartView *self)
{
  g_clear_pointer (&self->node, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
to_chart_color (const GdkRGBA *rgba, ConsortChartColor *c)
{
  c->red = rgba->red;
  c->green = rgba->green;
  c->blue = rgba->blue;
  c->alpha = rgba->alpha;
}

void
consort_chart_view_get_style (ConsortChartView  *self,
                              ConsortChartStyle *style)
{
  GtkStyleContext *context;
  GdkRGBA fg, bg, card;
  g_autofree char *font_name = NULL;
  PangoFontDescription *desc = NULL;
  gboolean dark;

  g_return_if_fail (CONSORT_IS_CHART_VIEW (self));

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  context = gtk_widget_get_style_context (GTK_WIDGET (self));
  gtk_style_context_get_color (context, &fg);
  /* The theme decides: dark backgrounds get the lighter palette, which
   * also covers a dark theme chosen without AdwStyleManager. */
  if (gtk_style_context_lookup_color (context, "window_bg_color", &bg))
    dark = 0.2126 * bg.red + 0.7152 * bg.green + 0.0722 * bg.blue < 0.5;
  else
    {
      dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
      bg = (GdkRGBA) { dark ? 0.14 : 0.98, dark ? 0.14 : 0.98, dark ? 0.14 : 0.98, 1 };
    }
  G_GNUC_END_IGNORE_DEPRECATIONS

  if (dark)
    consort_chart_style_init_dark (style);
  else
    consort_chart_style_init_light (style);

  to_chart_color (&fg, &style->foreground);
  style->grid = style->foreground;
  style->grid.alpha = dark ? 0.14 : 0.12;
  /* The card behind shows through; its colour still outlines markers
   * and backs labels. */
  style->transparent = TRUE;
  if (gtk_style_context_lookup_color (context, "card_bg_color", &card))
    {
      /* Dark cards are translucent over the window: composite them. */
      style->background.red = card.red * card.alpha + bg.red * (1 - card.alpha);
      style->background.green = card.green * card.alpha + bg.green * (1 - card.alpha);
      style->background.blue = card.blue * card.alpha + bg.blue * (1 - card.alpha);
      style->background.alpha = 1;
    }

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-font-name", &font_name, NULL);
  if (font_name != NULL)
    desc = pango_font_description_from_string (font_name);
  if (desc != NULL)
    {
      const char *family = pango_font_description_get_family (desc);
      double size = (double) pango_font_description_get_size (desc) / PANGO_SCALE;

      if (family != NULL && *family)
        g_strlcpy (style->font_family, family, sizeof style->font_family);
      if (size > 0)
        {
          /* Points to pixels, a little smaller than body text. */
          if (!pango_font_description_get_size_is_absolute (desc))
            size = size * 96.0 / 72.0;
          style->font_size = CLAMP (size * 0.9, 9, 24);
        }
      pango_font_description_free (desc);
    }

  style->scale = self->scale;
  style->draw_title = self->draw_title;
}

static void
consort_chart_view_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  ConsortChartView *self = CONSORT_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  ConsortChartStyle style;

  if (self->chart == NULL || width <= 0 || height <= 0)
    return;

  consort_chart_view_get_style (self, &style);
  if (self->node == NULL || width != self->node_width || height != self->node_height
      || memcmp (&style, &self->node_style, sizeof style) != 0)
    {
      GtkSnapshot *child = gtk_snapshot_new ();
      cairo_t *cr = gtk_snapshot_append_cairo (child, &GRAPHENE_RECT_INIT (0, 0, width, height));

      consort_chart_render (self->chart, cr, width, height, &style);
      cairo_destroy (cr);
      g_clear_pointer (&self->node, gsk_render_node_unref);
      self->node = gtk_snapshot_free_to_node (child);
      self->node_width = width;
      self->node_height = height;
      self->node_style = style;
    }
  if (self->node != NULL)
    gtk_snapshot_append_node (snapshot, self->node);
}

static void
consort_chart_view_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  ConsortChartView *self = CONSORT_CHART_VIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = (int) (260 * self->scale);
      *natural = (int) (400 * self->scale);
    }
  else
    {
      *minimum = (int) (220 * self->scale);
      *natural = (int) (320 * self->scale);
    }
}

static gboolean
query_tooltip_cb (ConsortChartView *self,
                  int               x,
                  int               y,
                  gboolean          keyboard,
                  GtkTooltip       *tooltip)
{
  g_autofree char *text = NULL;
  ConsortChartStyle style;

  if (self->chart == NULL || keyboard)
    return FALSE;
  /* The style this view draws with: the same chart may be drawn
   * elsewhere at another scale. */
  consort_chart_view_get_style (self, &style);
  text = consort_chart_hit_test_with_style (self->chart, &style, gtk_widget_get_width (GTK_WIDGET (self)),
                                            gtk_widget_get_height (GTK_WIDGET (self)), x, y);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
dark_changed_cb (ConsortChartView *self)
{
  invalidate (self);
}

void
consort_chart_view_set_chart (ConsortChartView *self,
                              ConsortChart     *chart)
{
  gboolean same;

  g_return_if_fail (CONSORT_IS_CHART_VIEW (self));

  if (chart == self->chart)
    return;
  same = consort_chart_equal (chart, self->chart);
  if (chart)
    consort_chart_ref (chart);
  g_clear_pointer (&self->chart, consort_chart_unref);
  self->chart = chart;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  chart ? consort_chart_get_title (chart) : _("Chart"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  chart ? consort_chart_describe (chart) : "",
                                  -1);
  /* Same figures, same drawing: keep the cached node. */
  if (!same)
    invalidate (self);
}

ConsortChart *
consort_chart_view_get_chart (ConsortChartView *self)
{
  g_return_val_if_fail (CONSORT_IS_CHART_VIEW (self), NULL);
  return self->chart;
}

void
consort_chart_view_set_scale (ConsortChartView *self,
                              double            scale)
{
  g_return_if_fail (CONSORT_IS_CHART_VIEW (self));
  scale = CLAMP (scale, 0.5, 4);
  if (scale == self->scale)
    return;
  self->scale = scale;
  invalidate (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
consort_chart_view_set_draw_title (ConsortChartView *self,
                                   gboolean          draw_title)
{
  g_return_if_fail (CONSORT_IS_CHART_VIEW (self));
  draw_title = !!draw_title;
  if (draw_title == self->draw_title)
    return;
  self->draw_title = draw_title;
  invalidate (self);
}

GtkWidget *
consort_chart_view_new (void)
{
  return g_object_new (CONSORT_TYPE_CHART_VIEW, NULL);
}

static void
consort_chart_view_dispose (GObject *object)
{
  ConsortChartView *self = CONSORT_CHART_VIEW (object);

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_pointer (&self->chart, consort_chart_unref);
  g_clear_pointer (&self->node, gsk_render_node_unref);
  G_OBJECT_CLASS (consort_chart_view_parent_class)->dispose (object);
}

static void
consort_chart_view_class_init (ConsortChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = consort_chart_view_dispose;
  widget_class->snapshot = consort_chart_view_snapshot;
  widget_class->measure = consort_chart_view_measure;
  gtk_widget_class_set_css_name (widget_class, "consortchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
consort_chart_view_init (ConsortChartView *self)
{
  self->scale = 1;
  self->draw_title = TRUE;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (dark_changed_cb), self);
}
