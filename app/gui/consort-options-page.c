/* consort-options-page.c: initial page shell, replaced by its owner.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "consort-options-page.h"

struct _ConsortOptionsPage
{
  AdwBin           parent_instance;
  ConsortDocument *document;
};

G_DEFINE_FINAL_TYPE (ConsortOptionsPage, consort_options_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_DOCUMENT, N_PROPS };
static GParamSpec *properties[N_PROPS];

void
consort_options_page_set_document (ConsortOptionsPage *self, ConsortDocument *document)
{
  g_return_if_fail (CONSORT_IS_OPTIONS_PAGE (self));
  if (g_set_object (&self->document, document))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

static void
consort_options_page_dispose (GObject *object)
{
  ConsortOptionsPage *self = CONSORT_OPTIONS_PAGE (object);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (consort_options_page_parent_class)->dispose (object);
}

static void
consort_options_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ConsortOptionsPage *self = CONSORT_OPTIONS_PAGE (object);
  switch (prop_id)
    {
    case PROP_DOCUMENT: g_value_set_object (value, self->document); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consort_options_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ConsortOptionsPage *self = CONSORT_OPTIONS_PAGE (object);
  switch (prop_id)
    {
    case PROP_DOCUMENT: consort_options_page_set_document (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consort_options_page_class_init (ConsortOptionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  object_class->dispose = consort_options_page_dispose;
  object_class->get_property = consort_options_page_get_property;
  object_class->set_property = consort_options_page_set_property;
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CONSORT_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
consort_options_page_init (ConsortOptionsPage *self)
{
  adw_bin_set_child (ADW_BIN (self), adw_status_page_new ());
}
