"""The article admin: the screen editors and reporters spend their day in.

Every step of the workflow goes through the domain functions in `articles.workflow` and
`articles.publishing` (form saves, change-form buttons and bulk actions alike); who may do
what is decided there and in `articles.workflow.may_edit`. A reporter edits only their own
drafts and stories in review, sees everything else read-only, and is refused (403, nothing
saved) if they forge a request. History, diff, restore and preview live in `.history`.
"""

import reversion
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.html import format_html

from articles import changes
from articles.models import Article, ArticleAuthor, AuditAction, Correction, RelatedStory, Status
from articles.publishing import has_byline, publish, unpublish
from articles.renditions import make_renditions
from articles.revisions import capture
from articles.workflow import (
    WORKING_STATUSES,
    add_correction,
    is_editor,
    may_edit,
    may_preview,
    record,
    remember_address_change,
    return_to_draft,
    submit_for_review,
)

from . import history
from .filters import RegionFilter, TagFilter
from .forms import ArticleAdminForm, BylineFormSet, RelatedStoryFormSet
from .searching import SafeSearchMixin
from .suggestions import ArticleSuggestionsMixin

BOTH_PLACES = [admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM]
# Fields only editors set: they decide when, and whether, readers see a story.
EDITOR_FIELDS = ["embargo_until", "updated_at"]


def _stories(count: int) -> str:
    return f"{count} story" if count == 1 else f"{count} stories"


class ArticleChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        # The list never shows the body, which is by far the largest column: leave it behind.
        return super().get_queryset(request, exclude_parameters).defer("body")


class BylineInline(admin.TabularInline):
    model = ArticleAuthor
    formset = BylineFormSet
    autocomplete_fields = ["author"]
    fields = ["author", "position"]
    extra = 1
    verbose_name = "byline credit"
    verbose_name_plural = "byline (in order)"


class RelatedStoryInline(admin.TabularInline):
    model = RelatedStory
    fk_name = "article"
    formset = RelatedStoryFormSet
    autocomplete_fields = ["related"]
    fields = ["related", "position"]
    extra = 0


class CorrectionInline(admin.TabularInline):
    """Corrections are an append-only record shown to readers: editors add new ones; existing
    ones are read-only and cannot be deleted."""

    model = Correction
    fields = ["kind", "text", "created_at", "created_by"]
    readonly_fields = ["created_at", "created_by"]
    extra = 0
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request, obj=None):
        return obj is not None and is_editor(request.user)


@admin.register(Article)
class ArticleAdmin(SafeSearchMixin, ArticleSuggestionsMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
    list_display = [
        "headline",
        "status_badge",
        "embargo_display",
        "section",
        "published_at",
        "byline_display",
    ]
    list_filter = [
        "status",
        "section",
        RegionFilter,
        ("sources", admin.RelatedOnlyFieldListFilter),
        TagFilter,
    ]
    list_select_related = ["section"]
    date_hierarchy = "published_at"
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
        (
            "Lead image",
            {"fields": ["lead_image", "lead_image_alt", "lead_image_caption", "lead_image_credit"]},
        ),
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
        css = {"all": ["admin_extra/admin.css"]}

    def get_changelist(self, request, **kwargs):
        return ArticleChangeList

    def get_queryset(self, request):
        # with_cards() prefetches the ordered byline: the list costs the same at any size.
        return super().get_queryset(request).with_cards()

    def get_urls(self):
        return history.urls(self) + super().get_urls()

    @admin.display(description="status", ordering="status")
    def status_badge(self, article):
        if article.status == Status.PUBLISHED and article.published_at and not article.is_public:
            label, css = "Scheduled", "scheduled"
        else:
            label, css = article.get_status_display(), article.status
        return format_html('<span class="status-badge status-{}">{}</span>', css, label)

    @admin.display(description="embargo", ordering="embargo_until")
    def embargo_display(self, article):
        if not article.is_embargoed:
            return ""
        when = timezone.localtime(article.embargo_until)
        return format_html(
            '<strong class="embargo-badge">Embargoed until {}</strong>',
            when.strftime("%Y-%m-%d %H:%M %Z"),
        )

    @admin.display(description="byline")
    def byline_display(self, article):
        return article.byline

    # Permissions ---------------------------------------------------------------------------

    def has_publish_permission(self, request):
        return is_editor(request.user)

    def has_submit_permission(self, request):
        return request.user.has_perm("articles.change_article")

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or may_edit(request.user, obj)

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
        if story is not None and not may_preview(request.user, story):
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not is_editor(request.user):
            readonly += EDITOR_FIELDS
            if obj is not None and obj.status not in WORKING_STATUSES:
                # A live, scheduled or withdrawn story's status and time belong to the editors.
                readonly += ["status", "published_at"]
        return readonly

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not is_editor(request.user):
            kwargs["choices"] = [(s.value, s.label) for s in WORKING_STATUSES]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    # Saving --------------------------------------------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), **history.change_form_context(request, object_id)}
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        # One revision per save, holding the story and every related row as saved.
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment("Saved in the admin" if object_id else "Created")
            return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, *args, **kwargs):
        form = context["adminform"].form
        context["edit_conflict"] = getattr(form, "conflict", None)
        return super().render_change_form(request, context, *args, **kwargs)

    def save_model(self, request, obj, form, change):
        user = request.user
        stored = Article.objects.select_related("section").get(pk=obj.pk) if change else None
        before = {
            "status": stored.status if stored else Status.DRAFT,
            "published_at": stored.published_at if stored else None,
        }
        if "published_at" not in form.changed_data:
            # The form's widget drops microseconds; an untouched time must stay exactly as stored.
            obj.published_at = before["published_at"]
        wanted_status, wanted_time = obj.status, obj.published_at
        going_live = wanted_status == Status.PUBLISHED and (
            before["status"] != Status.PUBLISHED or "published_at" in form.changed_data
        )
        if not is_editor(user) and (going_live or wanted_status not in WORKING_STATUSES):
            # The form offers no such choice; this refuses a forged request.
            raise PermissionDenied("Only editors may publish, schedule or withdraw stories.")

        # Save the edits with the stored workflow state, then move the state only through the
        # workflow functions, which check the role and record who and when.
        obj.status, obj.published_at = before["status"], before["published_at"]
        if change:
            obj.version = form.cleaned_data["version"] + 1
        else:
            obj.created_by = user
        super().save_model(request, obj, form, change)
        changes.story_changed(obj, was_public=bool(stored and stored.is_public))
        if change:
            remember_address_change(obj, stored.get_absolute_url())
        else:
            record(obj, AuditAction.CREATED, by=user)
        # The state moves once the inlines are saved too: publishing checks the byline the
        # story really has, and a new story's credits only exist after save_related().
        obj._requested_move = (wanted_status, wanted_time, going_live, user)
        if obj.lead_image:
            make_renditions(obj.lead_image)

    def _move_to(self, obj, wanted, when, going_live, user):
        """Take the story from its stored status to the one the form asked for."""
        if going_live:
            publish(obj, at=when, by=user)
            return
        if wanted == obj.status:
            return
        if wanted == Status.UNPUBLISHED:
            unpublish(obj, by=user)
            return
        if obj.status == Status.PUBLISHED:
            unpublish(obj, by=user)  # withdrawn first, then the working state asked for
        if obj.status in (Status.REVIEW, Status.UNPUBLISHED):
            return_to_draft(obj, by=user)
        if wanted == Status.REVIEW:
            submit_for_review(obj, by=user)

    def save_formset(self, request, form, formset, change):
        if formset.model is Correction:
            for correction in formset.save(commit=False):
                if correction.pk is None:
                    add_correction(form.instance, correction.kind, correction.text, by=request.user)
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
        if move := getattr(article, "_requested_move", None):
            del article._requested_move
            self._move_to(article, *move)
        capture(article)

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
            queryset.filter(status=Status.DRAFT),
            lambda a: may_edit(request.user, a),
        ):
            submit_for_review(article, by=request.user)
            done += 1
        self.message_user(request, f"Submitted {_stories(done)} for review.", messages.SUCCESS)

    @admin.action(description="Return to draft", permissions=["publish"], location=BOTH_PLACES)
    def return_selected_to_draft(self, request, queryset):
        done = 0
        for article in queryset.filter(status__in=[Status.REVIEW, Status.UNPUBLISHED]):
            return_to_draft(article, by=request.user)
            done += 1
        self.message_user(request, f"Returned {_stories(done)} to draft.", messages.SUCCESS)

    @admin.action(description="Publish now", permissions=["publish"], location=BOTH_PLACES)
    def publish_now(self, request, queryset):
        if not is_editor(request.user):
            raise PermissionDenied
        done, already, unsigned = 0, 0, []
        # The queryset comes from get_queryset(), so the bylines are already prefetched.
        for article in queryset:
            if article.is_public:
                already += 1
            elif not has_byline(article):
                unsigned.append(article.headline)
            else:
                publish(article, by=request.user)
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

    @admin.action(description="Unpublish", permissions=["publish"], location=BOTH_PLACES)
    def unpublish_selected(self, request, queryset):
        if not is_editor(request.user):
            raise PermissionDenied
        done = 0
        for article in queryset.filter(status=Status.PUBLISHED):
            unpublish(article, by=request.user)
            done += 1
        self.message_user(request, f"Unpublished {_stories(done)}.", messages.SUCCESS)
