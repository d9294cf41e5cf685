"""The wire desk in the admin: the queue of agency drafts, the Wire screen that brings copy
in (upload files or paste text), and the agency feeds.

Editors (and superusers) only: every view checks `workflow.is_editor` itself, so a reporter's
forged request is refused with a 403. Taking a draft over, applying an update and ingesting are
`articles.wire`'s business; this module only asks.
"""

from collections import Counter

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from articles import workflow
from articles.models import AgencyStatus, WireFormat, WireProvider, WireStory
from articles.wire import desk
from articles.wire.ingest import REFUSED, ingest_copy
from articles.wire.ingest import summary as ingest_summary

from .planning.hooks import add_wire_stories_to_plan
from .widgets import AutocompleteAdminMixin

URGENCY_LABELS = {1: "Flash", 2: "Urgent", 3: "Urgent"}


def kill_label(wire) -> str:
    """ "KILLED by Reuters wire" / "WITHHELD by …", and the override if an editor made one."""
    verb = "KILLED" if wire.agency_status == AgencyStatus.CANCELED else "WITHHELD"
    text = f"{verb} by {wire.provider.name}"
    if wire.override_by_id:
        text += f" (overridden: {wire.override_reason})"
    return format_html('<strong class="wire-killed">{}</strong>', text)


def _urgency_label(urgency):
    if urgency is None:
        return ""
    return URGENCY_LABELS.get(urgency, "Normal" if urgency <= 6 else "Low")


class UrgencyFilter(admin.SimpleListFilter):
    title = "urgency"
    parameter_name = "urgency"
    BANDS = {"flash": (1, 1), "urgent": (2, 3), "normal": (4, 6), "low": (7, 9)}

    def lookups(self, request, model_admin):
        return [
            ("flash", "Flash (1)"),
            ("urgent", "Urgent (2–3)"),
            ("normal", "Normal (4–6)"),
            ("low", "Low (7–9)"),
        ]

    def queryset(self, request, queryset):
        band = self.BANDS.get(self.value())
        return queryset.filter(urgency__range=band) if band else queryset


class QueueFilter(admin.SimpleListFilter):
    title = "where it stands"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [
            ("waiting", "Waiting for an editor"),
            ("taken", "Taken over"),
            ("update", "Update available"),
            ("killed", "Killed or withheld by the agency"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.in_queue()
        if self.value() == "taken":
            return queryset.filter(taken_over_at__isnull=False)
        if self.value() == "update":
            return queryset.with_updates()
        if self.value() == "killed":
            return queryset.exclude(agency_status=AgencyStatus.USABLE)
        return queryset


class EditorsOnly:
    """Wire screens are the editors' (and superusers'); model permissions are not consulted."""

    def has_module_permission(self, request):
        return workflow.is_editor(request.user)

    def has_view_permission(self, request, obj=None):
        return workflow.is_editor(request.user)


@admin.register(WireStory)
class WireStoryAdmin(EditorsOnly, admin.ModelAdmin):
    change_list_template = "admin/articles/wirestory/change_list.html"
    list_display = [
        "headline",
        "urgency_display",
        "provider",
        "received_at",
        "standing",
        "agency_display",
        "preselected_display",
        "take_over_button",
    ]
    list_filter = [QueueFilter, "provider", UrgencyFilter, "received_at"]
    list_select_related = ["provider", "article", "taken_over_by"]
    search_fields = ["headline", "item_id"]
    date_hierarchy = "received_at"
    actions = ["take_over_selected", add_wire_stories_to_plan]
    fields = [
        "headline",
        "provider",
        "item_id",
        "version",
        "urgency",
        "received_at",
        "article",
        "preselected",
        "notes",
        "metadata",
        "taken_over_by",
        "taken_over_at",
        "update_version",
        "agency_status",
        "agency_status_at",
        "override_by",
        "override_reason",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("ingest/", view(self.ingest_view), name="articles_wirestory_ingest"),
            path(
                "<int:pk>/take-over/",
                view(require_POST(self.take_over_view)),
                name="articles_wirestory_take_over",
            ),
            path(
                "<int:pk>/override-kill/",
                view(require_POST(self.override_kill_view)),
                name="articles_wirestory_override_kill",
            ),
            path(
                "<int:pk>/apply-update/",
                view(require_POST(self.apply_update_view)),
                name="articles_wirestory_apply_update",
            ),
        ] + super().get_urls()

    @admin.display(description="urgency", ordering="urgency")
    def urgency_display(self, wire):
        if wire.urgency is None:
            return "–"
        return format_html(
            '<span class="wire-urgency wire-urgency-{}">{} {}</span>',
            wire.urgency,
            wire.urgency,
            _urgency_label(wire.urgency),
        )

    @admin.display(description="stands")
    def standing(self, wire):
        if wire.article is None:
            return "story deleted"
        parts = []
        if wire.agency_status != AgencyStatus.USABLE:
            parts.append(kill_label(wire))
        if wire.taken_over_at:
            parts.append(f"taken over by {wire.taken_over_by or 'an editor'}")
        else:
            parts.append("waiting for an editor")
        if wire.update_version:
            parts.append(f"update available (version {wire.update_version})")
        return format_html_join("; ", "{}", ((part,) for part in parts))

    @admin.display(description="the agency's word")
    def agency_display(self, wire):
        """Slugline, genres, editorial note and the desk's notes, as the agency sent them."""
        meta = wire.metadata or {}
        parts = [meta.get("slugline", "")]
        parts.append(", ".join(genre["name"] for genre in meta.get("genres", [])))
        if meta.get("ed_note"):
            parts.append(f"Note: {meta['ed_note']}")
        parts += wire.notes or []
        return (
            format_html_join(
                "", '<span class="wire-agency">{}</span> ', ((part,) for part in parts if part)
            )
            or "–"
        )

    @admin.display(description="pre-selected")
    def preselected_display(self, wire):
        chosen = wire.preselected or {}
        names = [entry["name"] for entry in chosen.get("regions", []) + chosen.get("sources", [])]
        pins = [entry["name"] for entry in chosen.get("related", [])]
        text = ", ".join(names) or "–"
        if pins:
            text += f" · pinned: {'; '.join(pins)}"
        offered = [
            f"{entry['name']} ({entry['context']})" if entry.get("context") else entry["name"]
            for entry in chosen.get("offered", [])
        ]
        if offered:
            text += f" · for the editor to choose: {'; '.join(offered)}"
        return text

    @admin.display(description="")
    def take_over_button(self, wire):
        if wire.article is None:
            return ""
        if wire.taken_over_at and not wire.update_version:
            return format_html(
                '<a href="{}">Open</a>',
                reverse("admin:articles_article_change", args=[wire.article_id]),
            )
        if wire.update_version:
            url, label = (
                reverse("admin:articles_wirestory_apply_update", args=[wire.pk]),
                "Apply update",
            )
        else:
            url, label = reverse("admin:articles_wirestory_take_over", args=[wire.pk]), "Take over"
        return format_html(
            '<button type="submit" class="button wire-take-over" formaction="{}" '
            'formmethod="post" aria-label="{}: {}">{}</button>',
            url,
            label,
            wire.headline,
            label,
        )

    def _refuse_unless_editor(self, request):
        if not workflow.is_editor(request.user):
            raise PermissionDenied("Only editors work the wire desk.")

    def take_over_view(self, request, pk):
        self._refuse_unless_editor(request)
        wire = get_object_or_404(WireStory, pk=pk, article__isnull=False)
        desk.take_over(wire, by=request.user)
        messages.success(request, f"“{wire.headline}” is yours: edit it and publish it here.")
        return HttpResponseRedirect(
            reverse("admin:articles_article_change", args=[wire.article_id])
        )

    def apply_update_view(self, request, pk):
        self._refuse_unless_editor(request)
        wire = get_object_or_404(WireStory, pk=pk, article__isnull=False)
        desk.apply_update(wire, by=request.user)
        messages.success(
            request, "The agency's update is in the story; your version is in its history."
        )
        return HttpResponseRedirect(
            reverse("admin:articles_article_change", args=[wire.article_id])
        )

    def override_kill_view(self, request, pk):
        self._refuse_unless_editor(request)
        wire = get_object_or_404(WireStory, pk=pk, article__isnull=False)
        try:
            desk.override_kill(
                wire, by=request.user, reason=request.POST.get("override_reason", "")
            )
        except ValidationError as problem:
            messages.error(request, " ".join(problem.messages))
        else:
            messages.success(
                request, "Override recorded in the audit trail: the story may be published."
            )
        return HttpResponseRedirect(
            reverse("admin:articles_article_change", args=[wire.article_id])
        )

    def changelist_view(self, request, extra_context=None):
        alerts = list(
            WireStory.objects.kills_to_act_on().select_related("provider", "article")[:20]
        )
        return super().changelist_view(request, {**(extra_context or {}), "kill_alerts": alerts})

    @admin.action(description="Take over the selected wire stories")
    def take_over_selected(self, request, queryset):
        self._refuse_unless_editor(request)
        taken = [desk.take_over(wire, by=request.user) for wire in queryset if wire.article_id]
        if len(taken) == 1:
            return HttpResponseRedirect(
                reverse("admin:articles_article_change", args=[taken[0].article_id])
            )
        messages.success(request, f"Took over {len(taken)} wire stories.")
        return None

    def ingest_view(self, request):
        self._refuse_unless_editor(request)
        form = WireCopyForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            counts = Counter()
            provider = form.cleaned_data["provider"]
            copies = [(upload.name, upload.read()) for upload in form.cleaned_data["files"]]
            if form.cleaned_data["text"].strip():
                copies.append(("the pasted copy", form.cleaned_data["text"]))
            refusals = []
            for name, copy in copies:
                for result in ingest_copy(
                    copy, provider=provider, format=form.cleaned_data["format"]
                ):
                    counts[result.outcome] += 1
                    if result.outcome == REFUSED:
                        # Each refusal names its file and, when it has one, its item.
                        item = f", {result.item_id}" if result.item_id else ""
                        refusals.append(f"{name}{item}: {result.reason}")
            summary = ingest_summary(counts)
            messages.success(request, f"Wire copy in: {summary}.")
            for reason in refusals[:10]:
                messages.warning(request, f"Refused ({reason})")
            if len(refusals) > 10:
                messages.warning(request, f"… and {len(refusals) - 10} more refused.")
            return HttpResponseRedirect(reverse("admin:articles_wirestory_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": "Bring in wire copy",
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/articles/wirestory/ingest.html", context)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class WireCopyForm(forms.Form):
    provider = forms.ModelChoiceField(
        queryset=WireProvider.objects.select_related("source", "section"),
        help_text="Whose copy this is: its stories are credited to the provider's source.",
    )
    files = MultipleFileField(
        required=False,
        label="Files",
        help_text="NewsML-G2 or NITF XML, ninjs JSON, RSS or Atom, or plain text; several at once.",
    )
    text = forms.CharField(
        required=False,
        label="…or paste the copy",
        widget=forms.Textarea(attrs={"rows": 14, "cols": 90}),
        help_text="Headline on the first line, then the text as the agency sent it.",
    )
    format = forms.ChoiceField(choices=WireFormat.choices, initial=WireFormat.AUTO)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("files") and not (cleaned.get("text") or "").strip():
            raise forms.ValidationError("Choose files or paste some copy.")
        return cleaned


@admin.register(WireProvider)
class WireProviderAdmin(AutocompleteAdminMixin, EditorsOnly, admin.ModelAdmin):
    list_display = ["name", "source", "section", "format", "feed_url", "active", "polled"]
    list_filter = ["active", "format"]
    list_select_related = ["source", "section"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["source", "section"]
    readonly_fields = ["etag", "last_modified", "last_polled_at", "last_poll_result"]

    @admin.display(description="last poll")
    def polled(self, provider):
        if not provider.last_polled_at:
            return "never"
        return format_html_join(
            "",
            "{} — {}",
            [(f"{provider.last_polled_at:%Y-%m-%d %H:%M}", provider.last_poll_result)],
        )
