"""Newsletters, their readers and the suppression list in the admin.

- **Newsletters**: name, sender, cadence, template, archive, self-drafting; a newsletter's
  page imports readers from CSV (with where their consent was given) and exports them.
- **Readers**: looked up by address, to export their data or erase them on request; never
  added or edited by hand (readers sign up and choose themselves), their consent records shown.
- **Suppression list**: every address nothing is sent to and why; editors add one with a note
  and lift one with a reason (the entry stays as history).

The rules are `articles.newsletters`'; these classes configure screens and call it.
"""

import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from articles import changes
from articles.models import Consent, Newsletter, Reader, Suppression
from articles.newsletters import composing, importing, readers, suppressing
from articles.public.views.preview import mark_private

from .searching import SafeSearchMixin


@admin.register(Newsletter)
class NewsletterAdmin(SafeSearchMixin, admin.ModelAdmin):
    list_display = ["name", "cadence", "offered", "archive_public", "readers", "draft_at"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "description", "cadence", "template", "order"]}),
        ("Sender", {"fields": ["sender_name", "sender_email", "reply_to", "test_recipients"]}),
        ("Readers", {"fields": ["offered", "archive_public", "count_links", "reader_tools"]}),
        (
            "Drafting itself",
            {
                "fields": ["draft_at", "draft_from_front", "draft_from_section", "draft_stories"],
                "description": "At this time each day an issue drafts itself from the front (or "
                "the section's latest stories) and waits for an editor to send it.",
            },
        ),
    ]

    readonly_fields = ["reader_tools"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(reader_count=Count("subscriptions"))

    @admin.display(description="import and export")
    def reader_tools(self, newsletter):
        if not newsletter.pk:
            return "Save the newsletter first."
        url = reverse("admin:articles_newsletter_import", args=[newsletter.pk])
        return format_html('<a href="{}">Import readers from CSV, or export them</a>', url)

    @admin.display(description="readers", ordering="reader_count")
    def readers(self, newsletter):
        return newsletter.reader_count

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        changes.newsletters_changed(obj)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/import/", wrap(self.import_view), name="articles_newsletter_import"),
            path(
                "<int:pk>/export/",
                wrap(require_POST(self.export_view)),
                name="articles_newsletter_export",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request, pk):
        composing.require_editor(request.user)
        newsletter = get_object_or_404(Newsletter, pk=pk)
        form = ImportForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                report = importing.import_readers(
                    upload.read(),
                    newsletter,
                    source=form.cleaned_data["source"],
                    file_name=upload.name,
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error("file", error)
            else:
                self.message_user(request, report.summary, messages.SUCCESS)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Import readers into {newsletter.name}",
            "newsletter": newsletter,
            "form": form,
            "report": report,
        }
        return TemplateResponse(request, "admin/articles/newsletter/import.html", context)

    def export_view(self, request, pk):
        newsletter = get_object_or_404(Newsletter, pk=pk)
        body = importing.export_readers(newsletter, by=request.user)
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{newsletter.slug}-readers.csv"'
        return mark_private(response)


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file", help_text="UTF-8, with a first row naming the columns, one “email”."
    )
    source = forms.CharField(
        label="Where these readers gave their consent",
        max_length=200,
        help_text="Recorded with each of them, e.g. “Print subscribers' form, spring 2026”.",
    )


class ConsentInline(admin.TabularInline):
    model = Consent
    fields = ["at", "action", "newsletter", "source"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Reader)
class ReaderAdmin(SafeSearchMixin, admin.ModelAdmin):
    list_display = ["email", "status", "created_at", "confirmed_at"]
    list_filter = ["status"]
    search_fields = ["email"]
    fields = ["email", "status", "created_at", "confirmed_at", "newsletters", "their_data"]
    readonly_fields = fields
    inlines = [ConsentInline]

    @admin.display(description="newsletters")
    def newsletters(self, reader):
        return (
            ", ".join(s.newsletter.name for s in reader.subscriptions.select_related("newsletter"))
            or "—"
        )

    @admin.display(description="their data")
    def their_data(self, reader):
        url = reverse("admin:articles_reader_erase", args=[reader.pk])
        return format_html('<a href="{}">Download their data, or erase them</a>', url)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # erasure is the way: it also clears the send log

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/data/", wrap(require_POST(self.data_view)), name="articles_reader_data"),
            path("<int:pk>/erase/", wrap(self.erase_view), name="articles_reader_erase"),
            *super().get_urls(),
        ]

    def data_view(self, request, pk):
        composing.require_editor(request.user)
        reader = get_object_or_404(Reader, pk=pk)
        response = HttpResponse(
            json.dumps(readers.export(reader), indent=2, ensure_ascii=False),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="reader-{reader.pk}.json"'
        return mark_private(response)

    def erase_view(self, request, pk):
        composing.require_editor(request.user)
        reader = get_object_or_404(Reader, pk=pk)
        if request.method == "POST":
            readers.erase(reader)
            self.message_user(request, "The reader and everything kept with them are erased.")
            return HttpResponseRedirect(reverse("admin:articles_reader_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Erase {reader.email}?",
            "reader": reader,
        }
        return TemplateResponse(request, "admin/articles/reader/erase.html", context)


class SuppressionForm(forms.ModelForm):
    class Meta:
        model = Suppression
        fields = ["email", "detail"]
        labels = {"detail": "Why"}


class LiftForm(forms.Form):
    lift_reason = forms.CharField(
        label="Why may it be written to again?", widget=forms.Textarea(attrs={"rows": 2})
    )


@admin.register(Suppression)
class SuppressionAdmin(SafeSearchMixin, admin.ModelAdmin):
    list_display = ["email", "reason", "service", "created_at", "lifted_at"]
    list_filter = ["reason", ("lifted_at", admin.EmptyFieldListFilter)]
    search_fields = ["email"]
    form = SuppressionForm

    def has_delete_permission(self, request, obj=None):
        return False  # lifted, never deleted: the list is also its history

    def save_model(self, request, obj, form, change):
        try:
            entry = suppressing.suppress_by_hand(obj.email, obj.detail, by=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return
        obj.pk = entry.pk

    def change_view(self, request, object_id, form_url="", extra_context=None):
        entry = self.get_object(request, object_id)
        if entry is None:
            return super().change_view(request, object_id, form_url, extra_context)
        form = LiftForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                suppressing.lift(entry, by=request.user, reason=form.cleaned_data["lift_reason"])
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(request, f"Lifted: mail may go to {entry.email} again.")
            return HttpResponseRedirect(reverse("admin:articles_suppression_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"{entry.email} ({entry.get_reason_display()})",
            "entry": entry,
            "form": form,
            "can_lift": entry.lifted_at is None and self.has_change_permission(request, entry),
        }
        return TemplateResponse(request, "admin/articles/suppression/lift.html", context)
