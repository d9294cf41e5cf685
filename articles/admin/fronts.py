"""The fronts screen: editors arrange the home page's or a section's front on one page.

Slots are added and removed, reordered by dragging or with the up/down buttons (keyboard),
pinned stories found by searching published stories; the editor previews the front, then
publishes it now or schedules it, and can call a scheduled one off. What an arrangement may
hold and what publishing does are `articles.fronts`' business; this module builds the form
and calls it. Every view checks the role itself (`fronts.require_arranger`), so a forged
request from a reporter or a tag manager is refused with a 403 and changes nothing.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from articles import fronts
from articles.admin.widgets import AutocompleteSelect
from articles.models import Arrangement, Article, Front, Slot, SlotKind
from articles.public.views.fronts import front_preview
from articles.staff.roles import can_arrange_fronts, can_raise_banners

from .searching import SafeSearchMixin

# Stories the pinned-story box offers at a time.
PINNABLE_RESULTS = 20
SLOT_FIELDS = [
    "position",
    "kind",
    "story",
    "fill",
    "section",
    "tag",
    "region",
    "count",
    "heading",
    "allow_duplicates",
]


def story_label(story: Article) -> str:
    """A story as the picker names it: headline, desk and publish time, and whether readers
    can see it yet."""
    when = timezone.localtime(story.published_at) if story.published_at else None
    label = f"{story.headline} — {story.section.name}"
    if when:
        label += f", {when.day} {when:%b %Y %H:%M}"
    state = story.publication_state
    if state != "live":
        label += f" ({state.label.lower()}: shows once live)"
    return label


class PinnedStoryField(forms.ModelChoiceField):
    """A published story (live or waiting for its time); drafts and withdrawn stories are
    not valid choices, whatever a forged form says."""

    def label_from_instance(self, story):
        return story_label(story)


class PinnableStoryWidget(AutocompleteSelect):
    """The admin's autocomplete box, asking the fronts screen's own search (published stories,
    labelled with desk and date) instead of the article admin's."""

    url_name = "%s:articles_front_stories"
    empty_label = "No story"


class SlotForm(forms.ModelForm):
    class Meta:
        model = Slot
        fields = SLOT_FIELDS
        widgets = {"position": forms.HiddenInput}

    def __init__(self, *args, admin_site=None, **kwargs):
        super().__init__(*args, **kwargs)
        story = Slot._meta.get_field("story")
        self.fields["story"] = PinnedStoryField(
            queryset=Article.objects.pinnable().with_cards(),
            required=False,
            label="Pinned story",
            help_text=story.help_text,
            widget=PinnableStoryWidget(story, admin_site),
        )
        for name in ("tag", "region"):
            field = self.fields[name]
            field.widget = AutocompleteSelect(Slot._meta.get_field(name), admin_site)
            field.widget.choices = field.choices
        self.fields["count"].widget.attrs.update({"min": 1, "max": fronts.MAX_STORIES_PER_SLOT})

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            fronts.check_slot(self.slot())
        except ValidationError as error:
            self._update_errors(error)
        return cleaned

    def slot(self) -> Slot:
        """The slot as filled in (unsaved)."""
        data = self.cleaned_data
        if data.get("kind") == SlotKind.LEAD:
            data["count"] = 1
        return Slot(**{name: data.get(name) for name in SLOT_FIELDS if name in data})


class BaseSlotFormSet(forms.BaseFormSet):
    def _construct_form(self, i, **kwargs):
        # A slot added with its defaults untouched (the latest story) is still a slot.
        return super()._construct_form(i, **{**kwargs, "empty_permitted": False})

    def ordered_forms(self):
        """The slots kept (not removed), top first."""
        kept = [
            (form.cleaned_data.get("position") or 0, n, form)
            for n, form in enumerate(self.forms)
            if not self._should_delete_form(form)
        ]
        return [form for *_, form in sorted(kept, key=lambda item: item[:2])]

    def slots(self) -> list[Slot]:
        return [form.slot() for form in self.ordered_forms()]

    def clean(self):
        if any(self.errors):
            return
        try:
            fronts.check_slots(self.slots())
        except ValidationError as error:
            raise ValidationError(error.messages) from None


SlotFormSet = forms.formset_factory(
    SlotForm,
    formset=BaseSlotFormSet,
    extra=0,
    can_delete=True,
    max_num=fronts.MAX_SLOTS,
    validate_max=True,
)


class PublishingForm(forms.Form):
    """How the arrangement goes out: now, or at a time still to come."""

    action = forms.ChoiceField(choices=[("publish", "Publish now"), ("schedule", "Schedule")])
    goes_live_at = forms.DateTimeField(
        label="Go live at",
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local", "step": 1}),
        help_text="The site's time zone. Scheduling: the arrangement goes live at this moment.",
    )
    note = forms.CharField(
        label="Note for the desk",
        max_length=200,
        required=False,
        help_text="What changed, e.g. “New lead: the ceasefire”.",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "schedule":
            when = cleaned.get("goes_live_at")
            if when is None:
                self.add_error("goes_live_at", "Choose when the arrangement goes live.")
            elif when <= timezone.now():
                self.add_error("goes_live_at", "Choose a time still to come, or publish now.")
        return cleaned

    @property
    def at(self):
        return (
            self.cleaned_data["goes_live_at"] if self.cleaned_data["action"] == "schedule" else None
        )


def slot_initial(slot: Slot) -> dict:
    """A stored slot as the form's initial values (related rows by id: no query)."""
    return {name: getattr(slot, Slot._meta.get_field(name).attname) for name in SLOT_FIELDS}


@admin.register(Front)
class FrontAdmin(SafeSearchMixin, admin.ModelAdmin):
    list_display = ["front_name", "live_since", "next_change"]
    list_display_links = ["front_name"]
    fields = ["section"]
    search_fields = ["section__name"]

    def get_queryset(self, request):
        now = timezone.now()
        arrangements = Arrangement.objects.filter(front=OuterRef("pk"), cancelled_at__isnull=True)
        live = arrangements.filter(goes_live_at__lte=now).order_by("-goes_live_at", "-pk")
        waiting = arrangements.filter(goes_live_at__gt=now).order_by("goes_live_at")
        return (
            super()
            .get_queryset(request)
            .select_related("section")
            .annotate(
                live_at=Subquery(live.values("goes_live_at")[:1]),
                next_at=Subquery(waiting.values("goes_live_at")[:1]),
            )
            .order_by("section__order", "section__name")
        )

    @admin.display(description="page", ordering="section__name")
    def front_name(self, front):
        return front.page_name

    @admin.display(description="live since")
    def live_since(self, front):
        return (
            timezone.localtime(front.live_at).strftime("%Y-%m-%d %H:%M") if front.live_at else "—"
        )

    @admin.display(description="next scheduled change")
    def next_change(self, front):
        return (
            timezone.localtime(front.next_at).strftime("%Y-%m-%d %H:%M") if front.next_at else "—"
        )

    def has_delete_permission(self, request, obj=None):
        # A front's arrangements are its history: only a superuser cleaning up deletes one.
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    def has_add_permission(self, request):
        return can_arrange_fronts(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return can_arrange_fronts(request.user) and super().has_change_permission(request, obj)

    def delete_model(self, request, obj):
        fronts.remove_fronts(Front.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        fronts.remove_fronts(queryset)

    def response_add(self, request, obj, post_url_continue=None):
        # A new front is arranged straight away.
        return HttpResponseRedirect(reverse("admin:articles_front_change", args=[obj.pk]))

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("stories/", wrap(self.stories_view), name="articles_front_stories"),
            path(
                "<int:pk>/preview/",
                wrap(require_POST(self.preview_view)),
                name="articles_front_preview",
            ),
            path(
                "<int:pk>/arrangements/<int:arrangement_id>/cancel/",
                wrap(require_POST(self.cancel_view)),
                name="articles_front_cancel",
            ),
            *super().get_urls(),
        ]

    # The arranging screen -----------------------------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        fronts.require_arranger(request.user)
        front = self.get_object(request, object_id)
        if front is None:
            raise Http404("No such front.")
        publishing = PublishingForm(request.POST or None)
        if request.method == "POST":
            formset = self._formset(request, data=request.POST)
            if formset.is_valid() and publishing.is_valid():
                return self._publish(request, front, formset, publishing)
        else:
            formset = self._formset(request, initial=self._starting_slots(request, front))
        return self._arrange_page(request, front, formset, publishing)

    def _formset(self, request, **kwargs):
        return SlotFormSet(prefix="slots", form_kwargs={"admin_site": self.admin_site}, **kwargs)

    def _starting_slots(self, request, front) -> list[dict]:
        """The slots the form starts from: an arrangement asked for (?from=), else the live
        one."""
        chosen = request.GET.get("from", "")
        if chosen.isdigit():
            arrangement = get_object_or_404(front.arrangements, pk=chosen)
            slots = arrangement.slots.order_by("position", "pk")
        else:
            slots = fronts.live_slots(front.section)
        return [slot_initial(slot) for slot in slots]

    def _publish(self, request, front, formset, publishing):
        try:
            arrangement = fronts.publish_arrangement(
                front,
                formset.slots(),
                by=request.user,
                at=publishing.at,
                note=publishing.cleaned_data["note"],
            )
        except ValidationError as error:
            formset._non_form_errors = formset.error_class(error.messages)
            return self._arrange_page(request, front, formset, publishing)
        when = timezone.localtime(arrangement.goes_live_at)
        if publishing.at is None:
            message = f"Published: readers see the new {front.page_name} front now."
        else:
            message = f"Scheduled: readers see this {front.page_name} front from {when:%Y-%m-%d %H:%M:%S %Z}."
        self.message_user(request, message, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:articles_front_change", args=[front.pk]))

    def _arrange_page(self, request, front, formset, publishing):
        media = self.media + formset.media + forms.Media(js=["admin_extra/front_editor.js"])
        return TemplateResponse(
            request,
            "admin/articles/front/arrange.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": f"Arrange the {front.page_name} front",
                "front": front,
                "formset": formset,
                "publishing": publishing,
                "history": fronts.history(front),
                "media": media,
                "max_slots": fronts.MAX_SLOTS,
            },
        )

    # Preview, calling off, the story search ----------------------------------------------

    def preview_view(self, request, pk):
        fronts.require_arranger(request.user)
        front = get_object_or_404(Front.objects.select_related("section"), pk=pk)
        formset = self._formset(request, data=request.POST)
        publishing = PublishingForm(request.POST)
        if not formset.is_valid():
            # The form is open in the other tab: say what to fix there.
            return self._arrange_page(request, front, formset, publishing)
        at = None
        if publishing.is_valid() and publishing.at is not None:
            at = publishing.at
        return front_preview(request, front, formset.slots(), at=at)

    def cancel_view(self, request, pk, arrangement_id):
        fronts.require_arranger(request.user)
        arrangement = get_object_or_404(Arrangement, pk=arrangement_id, front_id=pk)
        try:
            fronts.cancel_arrangement(arrangement, by=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.WARNING)
        else:
            when = timezone.localtime(arrangement.goes_live_at)
            self.message_user(
                request,
                f"Called off the arrangement due at {when:%Y-%m-%d %H:%M:%S}: it will not go live.",
                messages.SUCCESS,
            )
        return HttpResponseRedirect(reverse("admin:articles_front_change", args=[pk]))

    def stories_view(self, request):
        """Published stories matching ?term=, for the pinned-story box and the banner's link
        (select2's format)."""
        if not (can_arrange_fronts(request.user) or can_raise_banners(request.user)):
            raise PermissionDenied("Only editors may search stories to pin or link.")
        stories = fronts.pinnable_stories(request.GET.get("term", ""))
        found = list(stories[: PINNABLE_RESULTS + 1])
        return JsonResponse(
            {
                "results": [
                    {"id": str(story.pk), "text": story_label(story)}
                    for story in found[:PINNABLE_RESULTS]
                ],
                "pagination": {"more": len(found) > PINNABLE_RESULTS},
            }
        )
