"""The tags screen: usage counts, search, sort and filters; rename, merge, delete unused;
aliases and pinned stories. For the Tag manager role and editors.

Behaviour lives in the domain (`articles.taxonomy.tags`, `articles.taxonomy.renames`); this module only
configures the admin and asks for confirmation. A tag manager may not read unpublished stories,
so nothing here names one: the pin picker offers public stories only. Aliases, pins and merge records are parts of a tag, so whoever may change
(or view) tags may edit (or view) them: the roles need no separate permissions for them.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.urls import path
from taggit.models import Tag as TaggitTag

from articles.models import Article, Tag, TagAlias, TagMerge, TagPin
from articles.models.names import name_key
from articles.search.full_text import can_match
from articles.taxonomy.tags import delete_unused_tags, merge_tags, rename_tag, with_usage

from .vocabulary import AliasFormSet, MergeRecordAdmin, PartOfVocabularyInline, PublicEntryAdmin

# taggit registers an admin for its own Tag model, which this site does not use.
if admin.site.is_registered(TaggitTag):
    admin.site.unregister(TaggitTag)

# Pins are chosen among the tag's newest stories; older ones rarely belong on top.
PIN_CHOICES = 200
LOOKUP_LIMIT = 10


class TagAliasInline(PartOfVocabularyInline):
    model = TagAlias
    formset = AliasFormSet
    fields = ["name"]
    vocabulary = "tag"


class PinnedStoryField(forms.ModelChoiceField):
    """A story to pin, named only if readers can see it: tag managers may not read
    unpublished stories, so an existing pin whose story is no longer public is shown (and
    kept) without its headline."""

    def label_from_instance(self, story):
        return super().label_from_instance(story) if story.is_public else "Unpublished story"


class TagPinInline(PartOfVocabularyInline):
    model = TagPin
    fields = ["article", "position"]
    vocabulary = "tag"
    max_num = TagPin.MAX_PER_TAG
    verbose_name_plural = f"pinned stories (up to {TagPin.MAX_PER_TAG}; shown while published)"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "article":
            kwargs["form_class"] = PinnedStoryField
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        stories = Article.objects.none()
        if obj is not None:
            # The choices are the tag's own newest public stories (the tag manager cannot
            # browse the article admin, and a million-row select would not render anyway),
            # and the stories pinned already, so that saving the tag keeps its pins.
            newest = Article.objects.published().tagged(obj).order_by("-published_at", "-pk")
            pinned = TagPin.objects.filter(tag=obj).values("article_id")
            stories = Article.objects.filter(
                Q(pk__in=newest.values("pk")[:PIN_CHOICES]) | Q(pk__in=pinned)
            ).order_by("-published_at", "-pk")
        field = formset.form.base_fields["article"]
        field.queryset = stories
        field.widget.can_add_related = False
        field.widget.can_change_related = False
        field.widget.can_view_related = False
        return formset


class UsageFilter(admin.SimpleListFilter):
    title = "usage"
    parameter_name = "usage"

    def lookups(self, request, model_admin):
        return [
            ("unused", "Unused"),
            ("unpublished", "Only on unpublished stories"),
            ("published", "On published stories"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "unused":
            return queryset.filter(total_count=0)
        if self.value() == "unpublished":
            return queryset.filter(total_count__gt=0, published_count=0)
        if self.value() == "published":
            return queryset.filter(published_count__gt=0)
        return queryset


def confirm_merge(modeladmin, request, queryset, *, action_name, merge, usage):
    """The shared merge action: a confirmation page choosing the survivor, then `merge`.
    `usage` names the relation counted to show how many stories each one has."""
    queryset = queryset.annotate(stories=Count(usage, distinct=True))
    chosen = list(queryset.order_by("-stories", "name"))
    if len(chosen) < 2:
        modeladmin.message_user(
            request,
            f"Select at least two {modeladmin.opts.verbose_name_plural} to merge.",
            messages.WARNING,
        )
        return None
    if request.POST.get("post") == "yes":
        survivor = next(
            (obj for obj in chosen if str(obj.pk) == request.POST.get("survivor")), None
        )
        if survivor is None:
            modeladmin.message_user(request, "Choose the one to keep.", messages.ERROR)
        else:
            record = merge(
                survivor, [obj for obj in chosen if obj.pk != survivor.pk], by=request.user
            )
            modeladmin.message_user(
                request,
                f"Merged {', '.join(record.merged_names)} into {record.into_name}.",
                messages.SUCCESS,
            )
            return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": f"Merge {modeladmin.opts.verbose_name_plural}",
        "opts": modeladmin.opts,
        "queryset": chosen,
        "survivor": chosen[0],
        "action_name": action_name,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/taxonomy/merge_confirmation.html", context)


@admin.register(Tag)
class TagAdmin(PublicEntryAdmin):
    list_display = ["name", "slug", "published_count", "total_count", "last_used", "alias_names"]
    list_filter = [UsageFilter]
    search_fields = ["name", "slug", "aliases__name"]
    # Explicit, not only the model's: the usage counts group the query, and Django drops a
    # model's default ordering from grouped queries (the tag autocomplete then paginated an
    # unordered list).
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "description", "mediatopic_uri"]
    inlines = [TagAliasInline, TagPinInline]
    actions = ["merge_selected", "delete_unused"]
    list_per_page = 100

    def get_queryset(self, request):
        return with_usage(super().get_queryset(request)).prefetch_related("aliases")

    def get_prepopulated_fields(self, request, obj=None):
        # Once a tag exists its slug is its address: it changes only on purpose.
        return self.prepopulated_fields if obj is None else {}

    @admin.display(description="published stories", ordering="published_count")
    def published_count(self, tag):
        return tag.published_count

    @admin.display(description="all stories", ordering="total_count")
    def total_count(self, tag):
        return tag.total_count

    @admin.display(description="last used", ordering="last_used")
    def last_used(self, tag):
        return tag.last_used

    @admin.display(description="alternative names")
    def alias_names(self, tag):
        return ", ".join(alias.name for alias in tag.aliases.all())

    def rename(self, obj, form):
        # A new name makes a new slug, unless the slug was changed by hand too.
        rename_tag(obj, obj.name, slug=obj.slug if "slug" in form.changed_data else None)

    @admin.action(description="Merge selected tags…", permissions=["change"])
    def merge_selected(self, request, queryset):
        return confirm_merge(
            self,
            request,
            queryset,
            action_name="merge_selected",
            merge=merge_tags,
            usage="tagged_articles",
        )

    @admin.action(description="Delete selected tags that no story uses", permissions=["delete"])
    def delete_unused(self, request, queryset):
        deleted, used = delete_unused_tags(Tag.objects.filter(pk__in=queryset.values("pk")))
        self.message_user(request, f"Deleted {deleted} unused tag{'s' * (deleted != 1)}.")
        if used:
            self.message_user(
                request,
                "Kept because stories use them (delete those one by one, after checking "
                "what uses them): " + ", ".join(used),
                messages.WARNING,
            )

    def get_urls(self):
        lookup = path(
            "lookup/", self.admin_site.admin_view(self.lookup_view), name="articles_tag_lookup"
        )
        return [lookup, *super().get_urls()]

    def lookup_view(self, request):
        """Existing tags matching what is typed, most used first: names starting with it, then
        containing it, then aliases (answered with their tag). For the article form."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        # Matched on the keys (folded in Python), not with the database's case folding:
        # "київ" finds "Київ" and "strasse" finds "Straße" on SQLite as on PostgreSQL.
        key = name_key(request.GET.get("q", ""))[:100]
        if not key or not can_match(key):
            return JsonResponse({"results": []})
        tags = (
            Tag.objects.filter(Q(key__contains=key) | Q(aliases__key__contains=key))
            .annotate(uses=Count("tagged_articles", distinct=True))
            .prefetch_related("aliases")
            .distinct()
            .order_by("-uses", "name")[: LOOKUP_LIMIT * 3]
        )
        ranked = sorted(
            tags,
            key=lambda tag: (not tag.key.startswith(key), key not in tag.key, -tag.uses, tag.key),
        )
        results = []
        for tag in ranked[:LOOKUP_LIMIT]:
            alias = next((a.name for a in tag.aliases.all() if key in a.key), "")
            matched_alias = alias if key not in tag.key else ""
            results.append({"name": tag.name, "stories": tag.uses, "alias": matched_alias})
        return JsonResponse({"results": results})


@admin.register(TagMerge)
class TagMergeAdmin(MergeRecordAdmin):
    """The merge record, read-only: who merged which tags into which, and when."""

    view_permission = "articles.view_tag"
