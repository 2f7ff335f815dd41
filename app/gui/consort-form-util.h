/* consort-form-util.h: small helpers shared by the editing forms
 * (options, services and baselines, feasibility and risks).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "consort-core.h"

G_BEGIN_DECLS

/* Shows @text as a toast through the window's "win.toast" action. */
void          consort_form_toast               (GtkWidget  *widget,
                                                const char *text);

/* Applies @copy (taking it over) to @document under @label.  On failure
 * the document is unchanged, @error_out (if not NULL) receives the
 * message and, when @error_out is NULL, a toast shows it. */
/* A toast with an Undo button, for deletions ("Savings item deleted"). */
void          consort_form_toast_undo          (GtkWidget  *widget,
                                                const char *text);

gboolean      consort_form_apply               (GtkWidget         *widget,
                                                ConsortDocument   *document,
                                                ConsortAppraisal  *copy,
                                                const char        *label,
                                                char             **error_out);

/* Stores an edited item of an option's list (@list_offset: the offset of
 * the GPtrArray in ConsortOption, e.g. G_STRUCT_OFFSET (ConsortOption,
 * costs)) in a copy of the document's appraisal and applies it under
 * @label: at @index, replacing the item there if it still equals
 * @original (an undo while the editor was open may have moved it), or at
 * the end when @index < 0.  Takes @item.  On failure *error_out holds a
 * message for the editor and nothing changed. */
gboolean      consort_form_store_option_item   (GtkWidget         *widget,
                                                ConsortDocument   *document,
                                                const char        *option_id,
                                                gsize              list_offset,
                                                int                index,
                                                gpointer           item,
                                                gconstpointer      original,
                                                gboolean         (*equal) (gconstpointer a, gconstpointer b),
                                                GDestroyNotify     free_item,
                                                const char        *moved_message,
                                                const char        *label,
                                                char             **error_out);

/* Adds or removes the "error" style class and sets the tooltip to
 * @message (NULL: valid). */
void          consort_form_set_error           (GtkWidget  *widget,
                                                const char *message);

/* Whether @document (may be NULL) takes edits: the pages make their
 * editing controls insensitive, or hide them, when it does not. */
gboolean      consort_form_writable            (ConsortDocument *document);

/* Turns an item editor dialog into a viewer, for a read-only document:
 * @heading as its title, @fields insensitive, Save hidden and its
 * "editor.save" action off, Cancel labelled Close. */
void          consort_form_editor_set_read_only (GtkWindow      *editor,
                                                 AdwWindowTitle *title,
                                                 const char     *heading,
                                                 GtkWidget      *cancel_button,
                                                 GtkWidget      *save_button,
                                                 GtkWidget      *fields);

/* Labels of the horizon's financial years: "2010/11", ... */
GtkStringList *consort_form_fy_model           (const ConsortAppraisal *appraisal);

/* "Two-borough from 2010/11, alliance from 2013/14"; "No participants". */
char         *consort_form_describe_kinds      (const ConsortAppraisal *appraisal,
                                                const ConsortOption    *option);

/* Money the way people type it; empty text is an error unless
 * @empty_is_zero. */
gboolean      consort_form_parse_money         (const char   *text,
                                                gboolean      empty_is_zero,
                                                ConsortMoney *out);
/* A non-negative decimal such as an FTE count: "1.5", "12". */
gboolean      consort_form_parse_decimal       (const char    *text,
                                                ConsortMicros *out);
/* "1.5", "12": shortest decimal of @micros. */
char         *consort_form_format_decimal      (ConsortMicros micros);
/* "3%", "3.5%". */
char         *consort_form_format_percent      (ConsortMicros micros);
/* "£1,050,000" (pence kept when not whole pounds). */
char         *consort_form_format_money        (ConsortMoney money);

/* Phasing as typed, "10%, 55%, 100%" (or "0.1, 0.55, 1"): an array of
 * ConsortMicros; empty text gives an empty array. */
GArray       *consort_form_parse_phasing       (const char  *text,
                                                char       **error_message);
char         *consort_form_format_phasing      (const GArray *phasing);

/* "Default: 3% with 2 partners, 4% with 3 or more" for @model. */
char         *consort_form_default_rate_hint   (const ConsortAppraisal *appraisal,
                                                const char             *model);

/* "Partnership: Equal shares" or the borough's name. */
char         *consort_form_describe_owner      (const ConsortAppraisal   *appraisal,
                                                const ConsortAttribution *owner,
                                                gboolean                  for_cost);

/* A lower-case ASCII slug of @name for new ids ("Youth Services" -> "youth-services"). */
char         *consort_form_slug                (const char *name);

/* Borough name for an id (the id itself if unknown). */
const char   *consort_form_borough_name        (const ConsortAppraisal *appraisal,
                                                const char             *id);
const char   *consort_form_service_name        (const ConsortAppraisal *appraisal,
                                                const char             *id);

/* Calendar month names in financial-year order starting with April. */
const char   *consort_form_month_name          (int month);

/* Removes every child of @box (a GtkListBox). */
void          consort_form_list_box_clear      (GtkListBox *box);

G_END_DECLS
