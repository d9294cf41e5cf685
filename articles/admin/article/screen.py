"""The article admin: the screen editors and reporters spend their day in.

The admin decides nothing about a story's workflow: a form save stores the content through
`workflow.save_edits` (or `create_story`), then asks `workflow.set_embargo` and
`workflow.move_to_status` for the embargo and status the form shows; the buttons and bulk
actions call the same transitions. Who may do what is decided there (`workflow.rules`). A
reporter edits only their own drafts and stories in review, sees everything else read-only,
and is refused (403, nothing saved) if they forge a request. History, diff, restore and
preview live in `.history`.

The form is built for deadline work: it keeps itself while the editor types and offers the
work back after a crash, shows who else has the story open (`.live_form`), has a save bar
that stays on screen with the buttons this person may use and a preview of the unsaved form
(`.save_bar`), and a related-story picker that says what each story is (`.picker`).
"""

import reversion
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.html import format_html

from articles import changes, workflow
from articles.admin.article import history, live_desk, live_form, picker, save_bar, wire_panel
from articles.admin.article.filters import RegionFilter, SourceFilter, TagFilter, YearFilter
from articles.admin.article.forms import (
    WORKFLOW_BUTTON,
    ArticleAdminForm,
    RequiredAutocompleteSelect,
)
from articles.admin.article.inlines import BylineInline, CorrectionInline, RelatedStoryInline
from articles.admin.article.suggestions import ArticleSuggestionsMixin
from articles.admin.images import chooser_formfield
from articles.admin.searching import SafeSearchMixin
from articles.desk import autosave
from articles.models import Article, Correction, PublicationState
from articles.public.pagination import NewsPaginator
from articles.search import full_text
from articles.stories import derived, related
from articles.workflow.revisions import capture

BOTH_PLACES = [admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM]
# Fields only editors set: they decide when, and whether, readers see a story.
EDITOR_FIELDS = ["embargo_until", "updated_at"]
# The form fields whose values go through workflow transitions rather than a content save.
WORKFLOW_FORM_FIELDS = ("status", "published_at", "embargo_until")


def _stories(count: int) -> str:
    return f"{count} story" if count == 1 else f"{count} stories"


class PublicationStateFilter(admin.SimpleListFilter):
    """Draft, in review, scheduled, embargoed, live, withdrawn: where stories stand now."""

    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return PublicationState.choices

    def queryset(self, request, queryset):
        if self.value() in PublicationState.values:
            return queryset.in_state(self.value())
        return queryset


class ArticleListPaginator(NewsPaginator):
    """The list counts at most 100 pages of stories ("10000+ articles"): counting a million
    rows on every load of the list costs more than the list itself."""

    max_pages = 100


class ArticleChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        # The list never shows the body, which is by far the largest column: leave it behind.
        return super().get_queryset(request, exclude_parameters).defer("body")


@admin.register(Article)
class ArticleAdmin(SafeSearchMixin, ArticleSuggestionsMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
    # Few, narrow columns beside the headline (an embargo shows under the state), so the list
    # reads at 1280 px with the filters beside it (docs/readers/validator-gate.md).
    list_display = [
        "headline",
        "status_badge",
        "section",
        "published_at",
        "byline_display",
    ]
    # Each filter costs one small query however large the archive (see `.filters`).
    list_filter = [
        PublicationStateFilter,
        "section",
        RegionFilter,
        SourceFilter,
        TagFilter,
        YearFilter,
    ]
    list_select_related = ["section"]
    # The list never counts the whole archive: no "of N total", and a capped page count.
    show_full_result_count = False
    paginator = ArticleListPaginator
    # On PostgreSQL the search box uses the full-text index (`get_search_results`); these
    # fields are the LIKE search SQLite falls back to.
    search_fields = ["headline", "standfirst", "body"]
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "regions", "sources"]
    inlines = [BylineInline, RelatedStoryInline, CorrectionInline]
    readonly_fields = ["first_published_at", "created_at", "modified_at", "created_by"]
    actions = ["submit_selected", "return_selected_to_draft", "publish_now", "unpublish_selected"]
    fieldsets = [
        ("Story", {"fields": ["headline", "slug", "standfirst", "body"]}),
        ("Byline", {"fields": ["byline_override", "dateline"]}),
        ("Filing", {"fields": ["section", "regions", "sources", "tags"]}),
        ("Lead image", {"fields": ["lead_image"]}),
        (
            "Publishing",
            {
                "fields": [
                    "status",
                    "published_at",
                    "embargo_until",
                    "updated_at",
                    "first_published_at",
                ]
            },
        ),
        (
            "Record",
            {"fields": ["created_at", "modified_at", "created_by"], "classes": ["collapse"]},
        ),
    ]

    class Media:
        js = [
            "admin_extra/article_form.js",
            "admin_extra/autosave.js",
            "admin_extra/presence.js",
            "admin_extra/related_picker.js",
            "admin_extra/image_chooser.js",
        ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "lead_image":
            return chooser_formfield(db_field, self.admin_site, **kwargs)
        if db_field.name in self.autocomplete_fields:
            kwargs.setdefault(
                "widget",
                RequiredAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using")),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changelist(self, request, **kwargs):
        return ArticleChangeList

    def get_queryset(self, request):
        # with_cards(): the section in the same query; bylines are stored on the story.
        return super().get_queryset(request).with_cards()

    def get_search_results(self, request, queryset, search_term):
        # Every word typed, as the start of a word anywhere in the story, through the stored
        # search document's index; not a LIKE over a million bodies. (Where there is no
        # full-text full_text, and for input that can match nothing, the admin's own.)
        found = full_text.search_by_word_starts(queryset, search_term)
        if found is None:
            return super().get_search_results(request, queryset, search_term)
        return found, False

    def get_urls(self):
        return (
            history.urls(self)
            + live_form.urls(self)
            + live_desk.urls(self)
            + save_bar.urls(self)
            + picker.urls(self)
            + super().get_urls()
        )

    @admin.display(description="state", ordering="status")
    def status_badge(self, article):
        state = article.publication_state
        badge = format_html('<span class="status-badge status-{}">{}</span>', state, state.label)
        if not article.is_embargoed:
            return badge
        when = timezone.localtime(article.embargo_until)
        return format_html(
            '{}<br><strong class="embargo-badge">Embargoed until {}</strong>',
            badge,
            when.strftime("%Y-%m-%d\u00a0%H:%M\u00a0%Z"),
        )

    @admin.display(description="byline")
    def byline_display(self, article):
        return article.byline

    # Permissions ---------------------------------------------------------------------------

    def has_publish_permission(self, request):
        return workflow.is_editor(request.user)

    def has_submit_permission(self, request):
        return request.user.has_perm("articles.change_article")

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or workflow.may_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        # Stories are withdrawn, never deleted, except by a superuser cleaning up.
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        changes.stories_deleted(1)

    def delete_queryset(self, request, queryset):
        count = queryset.count()
        super().delete_queryset(request, queryset)
        changes.stories_deleted(count)

    def history_view(self, request, object_id, extra_context=None):
        story = self.get_object(request, object_id)
        if story is not None and not workflow.may_preview(request.user, story):
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not workflow.is_editor(request.user):
            readonly += EDITOR_FIELDS
            if obj is not None and obj.status not in workflow.WORKING_STATUSES:
                # A live, scheduled or withdrawn story's status and time belong to the editors.
                readonly += ["status", "published_at"]
        return readonly

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        may_write = (
            self.has_change_permission(request, obj) if obj else self.has_add_permission(request)
        )
        if not may_write:
            return fieldsets
        # "Clean up pasted copy" sits under the body, for whoever may change it.
        return [
            (name, {**options, "fields": [*options["fields"], "clean_pasted_copy"]})
            if "body" in options["fields"]
            else (name, options)
            for name, options in fieldsets
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        # The statuses this user may move this story to, from the workflow's own rules.
        form.acting_user = request.user
        return form

    # Saving --------------------------------------------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), **history.change_form_context(request, object_id)}
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        if WORKFLOW_BUTTON in request.POST and not {"_save", "_continue"} & set(request.POST):
            # The save bar's "Publish" / "Submit for review" save the form and stay on it. The
            # admin takes a POST naming none of its own save buttons for the change form's
            # action menu ("No action selected."), so say which save this is.
            request.POST = request.POST.copy()
            request.POST["_continue"] = "1"
        # One revision per save, holding the story and every related row as saved.
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment("Saved in the admin" if object_id else "Created")
            return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        context["edit_conflict"] = getattr(form, "conflict", None)
        if not context.get("is_popup"):
            context |= live_form.change_form_context(self, request, obj)
            context |= save_bar.save_bar_context(self, request, obj)
            context |= wire_panel.change_form_context(obj)
            context |= live_desk.change_form_context(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_add(self, request, obj, post_url_continue=None):
        save_bar.stay_on_form(request)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        save_bar.stay_on_form(request)
        return super().response_change(request, obj)

    def save_model(self, request, obj, form, change):
        # What the form asks of the workflow; the content is saved with the stored state, and
        # the state moves once the inlines are saved too (publishing checks the byline the
        # story really has, and a new story's credits exist only after save_related()).
        stored = Article.objects.get(pk=obj.pk) if change else None
        requested = {
            name: getattr(obj, name)
            if name in form.changed_data or not change
            # The form's widgets drop microseconds: an untouched time stays exactly as stored.
            else getattr(stored, name)
            for name in WORKFLOW_FORM_FIELDS
        }
        if change:
            workflow.save_edits(obj, by=request.user, expected_version=form.cleaned_data["version"])
        else:
            workflow.create_story(obj, by=request.user)
        obj._requested_workflow = requested

    def save_formset(self, request, form, formset, change):
        if formset.model is Correction:
            for correction in formset.save(commit=False):
                if correction.pk is None:
                    workflow.add_correction(
                        form.instance, correction.kind, correction.text, by=request.user
                    )
            return
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        # Positions become 0, 1, 2… in the order shown, so the byline never depends on ties.
        for rows in (article.article_authors.all(), article.pinned_related.all()):
            ordered = list(rows.order_by("position", "pk"))
            changed = [row for n, row in enumerate(ordered) if row.position != n]
            for n, row in enumerate(ordered):
                row.position = n
            if changed:
                rows.model.objects.bulk_update(changed, ["position"])
        requested = article.__dict__.pop("_requested_workflow", None)
        if requested is not None:
            workflow.set_embargo(article, requested["embargo_until"], by=request.user)
            workflow.move_to_status(
                article, requested["status"], at=requested["published_at"], by=request.user
            )
        # The byline rows are saved after the story: its printed byline follows them.
        derived.refresh(article)
        # The relations the form just saved belong in this save's revision.
        capture(article)
        # Saved: the editor's autosaved copy of this form is the story now.
        autosave.forget_saved(
            request.user, article, new_story_key=request.POST.get("autosave_key", "")
        )
        hidden = related.pinned_but_hidden(article)
        if hidden:
            self.message_user(
                request,
                "Pinned, but readers cannot see "
                + ("it" if len(hidden) == 1 else "them")
                + " yet: "
                + "; ".join(
                    f"“{story.headline}” ({story.publication_state.label})" for story in hidden
                )
                + ". More Stories leaves out a pinned story until it is public.",
                messages.WARNING,
            )

    # Workflow actions (bulk on the list, and buttons on the change form) --------------------

    def _each_allowed(self, request, queryset, allowed):
        refused = []
        for article in queryset:
            if allowed(article):
                yield article
            else:
                refused.append(article.headline)
        if refused:
            self.message_user(
                request, "Left alone (not allowed): " + "; ".join(refused), messages.WARNING
            )

    @admin.action(description="Submit for review", permissions=["submit"], location=BOTH_PLACES)
    def submit_selected(self, request, queryset):
        done = 0
        for article in self._each_allowed(
            request,
            queryset.filter(status__in=workflow.SUBMIT.sources),
            lambda a: workflow.may_edit(request.user, a),
        ):
            workflow.submit_for_review(article, by=request.user)
            done += 1
        self.message_user(request, f"Submitted {_stories(done)} for review.", messages.SUCCESS)

    @admin.action(description="Return to draft", permissions=["publish"], location=BOTH_PLACES)
    def return_selected_to_draft(self, request, queryset):
        done = 0
        for article in queryset.filter(status__in=workflow.RETURN_TO_DRAFT.sources):
            workflow.return_to_draft(article, by=request.user)
            done += 1
        self.message_user(request, f"Returned {_stories(done)} to draft.", messages.SUCCESS)

    @admin.action(description="Publish now", permissions=["publish"], location=BOTH_PLACES)
    def publish_now(self, request, queryset):
        done, already, unsigned, killed = 0, 0, [], []
        # The queryset comes from get_queryset(), so the bylines are already prefetched.
        for article in queryset:
            if article.publication_state == PublicationState.LIVE:
                already += 1
            elif not workflow.has_byline(article):
                unsigned.append(article.headline)
            elif workflow.agency_block(article):
                killed.append(article.headline)
            else:
                workflow.publish(article, by=request.user)
                done += 1
        self.message_user(request, f"Published {_stories(done)}.", messages.SUCCESS)
        if already:
            self.message_user(request, f"Left {_stories(already)} as they were: already live.")
        if unsigned:
            self.message_user(
                request,
                "Not published, because they have no byline: " + "; ".join(unsigned),
                messages.WARNING,
            )
        if killed:
            self.message_user(
                request,
                "Not published, because the agency killed or withheld them: " + "; ".join(killed),
                messages.ERROR,
            )

    @admin.action(description="Unpublish", permissions=["publish"], location=BOTH_PLACES)
    def unpublish_selected(self, request, queryset):
        done = 0
        for article in queryset.filter(status__in=workflow.WITHDRAW.sources):
            workflow.unpublish(article, by=request.user)
            done += 1
        self.message_user(request, f"Unpublished {_stories(done)}.", messages.SUCCESS)
