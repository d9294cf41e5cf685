"""The article admin: the screen editors and reporters spend their day in.

Publishing goes through `articles.publishing` (form saves and bulk actions alike), and who may
publish is `articles.roles.can_publish`. A user without that permission cannot choose
"Published" in the form, cannot see the publish actions, and is refused if they forge either.
"""

from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.utils.html import format_html

from articles.models import Article, ArticleAuthor, Correction, RelatedStory, Status
from articles.publishing import publish, unpublish
from articles.renditions import make_renditions
from articles.roles import can_publish

from .filters import RegionFilter, TagFilter
from .forms import ArticleAdminForm, BylineFormSet, RelatedStoryFormSet

# What someone without the publish permission may set the status to.
WORKING_STATUSES = (Status.DRAFT, Status.REVIEW)
BOTH_PLACES = [admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM]


def has_byline(article: Article) -> bool:
    """Whether a story carries a byline: an override or at least one credited author."""
    return bool(article.byline_override.strip() or article.byline_authors)


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
    model = Correction
    fields = ["kind", "text", "created_at"]
    extra = 0
    # Corrections are an append-only record shown to readers.
    can_delete = False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = ["headline", "status_badge", "section", "published_at", "byline_display"]
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
    actions = ["publish_now", "unpublish_selected"]
    fieldsets = [
        ("Story", {"fields": ["headline", "slug", "standfirst", "body"]}),
        ("Byline", {"fields": ["byline_override", "dateline"]}),
        ("Filing", {"fields": ["section", "regions", "sources", "tags"]}),
        (
            "Lead image",
            {"fields": ["lead_image", "lead_image_alt", "lead_image_caption", "lead_image_credit"]},
        ),
        ("Publishing", {"fields": ["status", "published_at", "updated_at", "first_published_at"]}),
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

    @admin.display(description="status", ordering="status")
    def status_badge(self, article):
        if article.status == Status.PUBLISHED and article.published_at and not article.is_public:
            label, css = "Scheduled", "scheduled"
        else:
            label, css = article.get_status_display(), article.status
        return format_html('<span class="status-badge status-{}">{}</span>', css, label)

    @admin.display(description="byline")
    def byline_display(self, article):
        return article.byline

    # Permissions ---------------------------------------------------------------------------

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and not can_publish(request.user) and obj.status not in WORKING_STATUSES:
            # A live, scheduled or withdrawn story's status and time belong to the editors.
            readonly += ["status", "published_at"]
        return readonly

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not can_publish(request.user):
            kwargs["choices"] = [(s.value, s.label) for s in WORKING_STATUSES]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    # Saving --------------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        stored = (
            Article.objects.filter(pk=obj.pk).values("status", "published_at").first()
            if change
            else None
        ) or {"status": Status.DRAFT, "published_at": None}
        if "published_at" not in form.changed_data:
            # The form's widget drops microseconds; an untouched time must stay exactly as stored.
            obj.published_at = stored["published_at"]
        wanted_status, wanted_time = obj.status, obj.published_at
        going_live = wanted_status == Status.PUBLISHED and (
            stored["status"] != Status.PUBLISHED or "published_at" in form.changed_data
        )
        withdrawing = stored["status"] == Status.PUBLISHED and wanted_status != Status.PUBLISHED
        if (going_live or withdrawing) and not can_publish(request.user):
            # The form already offers no such choice; this refuses a forged request.
            raise PermissionDenied("Only editors may publish or withdraw stories.")

        # Save the edits with the stored publishing state, then change that state only
        # through the publishing functions, which own what publishing means.
        if going_live:
            obj.status, obj.published_at = stored["status"], stored["published_at"]
        elif withdrawing:
            obj.status = stored["status"]
        super().save_model(request, obj, form, change)
        if going_live:
            publish(obj, at=wanted_time, by=request.user)
        elif withdrawing:
            unpublish(obj, by=request.user)
            if wanted_status != obj.status:
                # "Back to draft" and the like: withdrawn first, then the status asked for.
                obj.status = wanted_status
                obj.save(update_fields=["status", "modified_at"])
        if obj.lead_image:
            make_renditions(obj.lead_image)

    def save_formset(self, request, form, formset, change):
        if formset.model is Correction:
            for correction in formset.save(commit=False):
                if correction.created_by_id is None:
                    correction.created_by = request.user
                correction.save()
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

    # Bulk actions --------------------------------------------------------------------------

    @admin.action(description="Publish now", permissions=["publish"], location=BOTH_PLACES)
    def publish_now(self, request, queryset):
        if not can_publish(request.user):
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
        if not can_publish(request.user):
            raise PermissionDenied
        done = 0
        for article in queryset.filter(status=Status.PUBLISHED):
            unpublish(article, by=request.user)
            done += 1
        self.message_user(request, f"Unpublished {_stories(done)}.", messages.SUCCESS)
