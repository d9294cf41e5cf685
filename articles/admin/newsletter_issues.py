"""The issue composer: editors pick stories (or a front's), add text blocks, order them, preview
the email and the archive page, test-send, pass the checklist, and schedule or send.

What may be composed, checked and sent is `articles.newsletters`' business; this screen builds
the forms and calls it. Every view checks the role itself (`composing.require_editor`), so a
forged request from a reporter is refused with a 403 and changes nothing.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from articles.admin.widgets import AutocompleteSelect
from articles.models import Article, BlockKind, Front, Issue, IssueBlock, IssueStatus
from articles.newsletters import checklist, composing, rendering, sending
from articles.public.views.preview import mark_private

from .searching import SafeSearchMixin


class StoryWidget(AutocompleteSelect):
    """The fronts screen's search of published stories (labelled with desk and date)."""

    url_name = "%s:articles_front_stories"

    empty_label = "No story"


class BlockForm(forms.Form):
    position = forms.IntegerField(
        label="Order", min_value=1, max_value=99, required=False, help_text="Empty: at the end."
    )
    kind = forms.ChoiceField(label="Kind", choices=BlockKind.choices, initial=BlockKind.STORY)
    story = forms.ModelChoiceField(queryset=Article.objects.pinnable(), required=False)
    heading = forms.CharField(label="Heading", max_length=150, required=False)
    text = forms.CharField(
        label="Text",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Plain text; a blank line starts a paragraph; web addresses become links.",
    )

    def __init__(self, *args, admin_site=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["story"].widget = StoryWidget(IssueBlock._meta.get_field("story"), admin_site)
        self.fields["story"].widget.choices = self.fields["story"].choices

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == BlockKind.STORY and not cleaned.get("story"):
            self.add_error("story", "Choose the story, or remove the block.")
        if cleaned.get("kind") == BlockKind.TEXT and not (
            cleaned.get("heading", "").strip() or cleaned.get("text", "").strip()
        ):
            self.add_error("text", "Write the text, or remove the block.")
        return cleaned

    def block(self) -> composing.Block:
        data = self.cleaned_data
        return composing.Block(
            kind=data["kind"], story=data.get("story"), heading=data["heading"], text=data["text"]
        )


class BaseBlockFormSet(forms.BaseFormSet):
    def blocks(self) -> list[composing.Block]:
        kept = [
            (form.cleaned_data.get("position") or 100, n, form)
            for n, form in enumerate(self.forms)
            if form.cleaned_data and not self._should_delete_form(form)
        ]
        return [form.block() for *_, form in sorted(kept, key=lambda item: item[:2])]


BlockFormSet = forms.formset_factory(
    BlockForm,
    formset=BaseBlockFormSet,
    extra=2,
    can_delete=True,
    max_num=composing.MAX_BLOCKS,
    validate_max=True,
)


class IssueForm(forms.Form):
    subject = forms.CharField(max_length=150, required=False)
    preheader = forms.CharField(
        max_length=150, required=False, help_text="The line mailboxes show after the subject."
    )
    send_at = forms.DateTimeField(
        label="Send at",
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local", "step": 60}),
        help_text="The site's time zone; for “Schedule”.",
    )
    test_to = forms.CharField(
        label="Test-send to",
        required=False,
        help_text="Addresses from the newsletter's test-send list, or your own; comma-separated.",
    )
    front = forms.ModelChoiceField(
        label="Start from a front",
        queryset=Front.objects.select_related("section"),
        required=False,
        help_text="Adds the stories readers see on that front now, top first.",
    )


def block_initial(issue: Issue) -> list[dict]:
    return [
        {
            "position": n,
            "kind": block.kind,
            "story": block.story_id,
            "heading": block.heading,
            "text": block.text,
        }
        for n, block in enumerate(issue.blocks.all(), start=1)
    ]


@admin.register(Issue)
class IssueAdmin(SafeSearchMixin, admin.ModelAdmin):
    list_display = ["__str__", "newsletter", "status", "number", "scheduled_at", "started_at"]
    list_filter = ["status", "newsletter"]
    list_select_related = ["newsletter"]
    search_fields = ["subject"]
    fields = ["newsletter"]

    def save_model(self, request, obj, form, change):
        composing.require_editor(request.user)
        obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        return HttpResponseRedirect(reverse("admin:articles_issue_change", args=[obj.pk]))

    def has_delete_permission(self, request, obj=None):
        editable = obj is None or obj.status in (*composing.EDITABLE, IssueStatus.CANCELLED)
        return editable and super().has_delete_permission(request, obj)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/preview/<str:kind>/",
                wrap(self.preview_view),
                name="articles_issue_preview",
            ),
            *super().get_urls(),
        ]

    # The composer -------------------------------------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        composing.require_editor(request.user)
        issue = self.get_object(request, object_id)
        if issue is None:
            raise Http404("No such issue.")
        form = IssueForm(
            request.POST or None,
            initial={
                "subject": issue.subject,
                "preheader": issue.preheader,
                "test_to": request.user.email,
            },
        )
        blocks = BlockFormSet(
            request.POST or None,
            prefix="blocks",
            initial=None if request.POST else block_initial(issue),
            form_kwargs={"admin_site": self.admin_site},
        )
        if request.method == "POST":
            answer = self._act(request, issue, form, blocks)
            if answer is not None:
                return answer
        return self._page(request, issue, form, blocks)

    def _act(self, request, issue, form, blocks):
        action = request.POST.get("action", "save")
        try:
            if action in ("unschedule", "resume", "resend_unconfirmed"):
                return self._control(request, issue, action)
            if not (form.is_valid() and blocks.is_valid()):
                return None
            issue = composing.save_issue(
                issue,
                blocks.blocks(),
                by=request.user,
                subject=form.cleaned_data["subject"],
                preheader=form.cleaned_data["preheader"],
            )
            self._after_save(request, issue, form, action)
        except ValidationError as error:
            for text in error.messages:
                self.message_user(request, text, messages.ERROR)
            if action == "save":
                return None
        return HttpResponseRedirect(reverse("admin:articles_issue_change", args=[issue.pk]))

    def _after_save(self, request, issue, form, action):
        data = form.cleaned_data
        if action == "add_front" and data["front"] is not None:
            stories = composing.front_stories(data["front"], composing.MAX_BLOCKS)
            have = composing.Block
            current = [
                have(b.kind, story=b.story, heading=b.heading, text=b.text)
                for b in issue.blocks.select_related("story")
            ]
            added = [
                have(BlockKind.STORY, story=s)
                for s in stories
                if s not in [b.story for b in current]
            ]
            composing.save_issue(
                issue,
                current + added,
                by=request.user,
                subject=data["subject"],
                preheader=data["preheader"],
            )
            self.message_user(
                request, f"Added {len(added)} stories from the {data['front'].page_name} front."
            )
        elif action == "test":
            to = [address.strip() for address in data["test_to"].split(",") if address.strip()]
            sent = sending.test_send(issue, by=request.user, to=to)
            self.message_user(request, f"Test sent to {', '.join(sent)}.", messages.SUCCESS)
        elif action == "schedule":
            if data["send_at"] is None:
                raise ValidationError("Choose when to send it.")
            sending.schedule(issue, by=request.user, at=data["send_at"])
            when = timezone.localtime(data["send_at"])
            self.message_user(request, f"Scheduled for {when:%Y-%m-%d %H:%M %Z}.", messages.SUCCESS)
        elif action == "send_now":
            sending.send_now(issue, by=request.user)
            self.message_user(
                request, "Sending has started: the progress is below.", messages.SUCCESS
            )
        else:
            self.message_user(request, "Saved.", messages.SUCCESS)

    def _control(self, request, issue, action):
        if action == "unschedule":
            sending.unschedule(issue, by=request.user)
            self.message_user(request, "Called off: the issue is a draft again.", messages.SUCCESS)
        elif action == "resume":
            sending.resume(issue, by=request.user)
            self.message_user(request, "Resumed: sending goes on.", messages.SUCCESS)
        else:
            count = sending.resend_unconfirmed(issue, by=request.user)
            self.message_user(
                request, f"{count} unconfirmed copies queued again.", messages.WARNING
            )
        return HttpResponseRedirect(reverse("admin:articles_issue_change", args=[issue.pk]))

    def _page(self, request, issue, form, blocks):
        items = rendering.issue_items(issue)
        editable = issue.status in composing.EDITABLE
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"{issue.newsletter.name}: {issue.subject or 'new issue'}",
            "issue": issue,
            "form": form,
            "blocks": blocks,
            "editable": editable,
            "items": items,
            "checks": checklist.run(issue, items)
            if editable or issue.status == IssueStatus.SCHEDULED
            else [],
            "progress": sending.progress(issue),
            "audience": sending.audience(issue.newsletter).count() if editable else None,
            "link_counts": issue.link_counts.all(),
            "media": self.media
            + blocks.media
            + forms.Media(
                css={"all": ["admin_extra/newsletters.css"]},
            ),
        }
        return TemplateResponse(request, "admin/articles/issue/compose.html", context)

    def preview_view(self, request, pk, kind):
        """The issue as the email (HTML or plain text) or as its archive page, as saved."""
        composing.require_editor(request.user)
        issue = get_object_or_404(Issue.objects.select_related("newsletter"), pk=pk)
        if issue.html and kind in ("email", "text"):
            html, text = issue.html, issue.text  # what was sent
        else:
            html, text, _ = rendering.render_email(issue)
        if kind == "email":
            return mark_private(HttpResponse(html))
        if kind == "text":
            return mark_private(HttpResponse(text, content_type="text/plain; charset=utf-8"))
        if kind != "web":
            raise Http404("No such preview.")
        items = rendering.shown(rendering.issue_items(issue))
        context = {"issue": issue, "newsletter": issue.newsletter, "items": items, "preview": True}
        return mark_private(render(request, "newsletters/issue.html", context))
