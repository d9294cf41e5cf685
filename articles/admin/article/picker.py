"""The related-story picker: finding a story to pin under "More Stories".

Each result names the story's desk, date and where it stands ("Live", "Draft",
"Scheduled"…), so the right one of several similar headlines is picked; the story being edited
is never offered. The answer also says whether readers can see each story
(`Article.is_public`, the one rule), and `static/admin_extra/related_picker.js` warns at once
when a story that is not public is pinned: "More Stories" leaves it out until readers can see
it (`articles.stories.related`). Saving says so again (`ArticleAdmin.save_related`).
"""

from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date

from articles.admin.widgets import AutocompleteSelect
from articles.models import Article, RelatedStory


def story_date(story: Article) -> str:
    """The date a picker shows: the publish time, else when the story was started."""
    when = story.published_at or story.created_at
    return format_date(timezone.localtime(when), "j M Y") if when else ""


def picker_label(story: Article) -> str:
    """The label a picker shows, e.g. "Headline — World · 3 Dec 2026 · Draft"."""
    return (
        f"{story.headline} — {story.section.name} · {story_date(story)} · "
        f"{story.publication_state.label}"
    )


class RelatedStoryLookup(AutocompleteJsonView):
    """The picker's search: the admin's article search, less the story being edited
    (`?story=<id>`), each result with its desk, date and state."""

    def process_request(self, request):
        found = super().process_request(request)
        if found[2] != RelatedStory._meta.get_field("related"):
            raise PermissionDenied("This search finds related stories only.")
        return found

    def get_queryset(self):
        stories = super().get_queryset().select_related("section").defer("body")
        story = self.request.GET.get("story", "")
        return stories.exclude(pk=story) if story.isdigit() else stories

    def serialize_result(self, obj, to_field_name):
        state = obj.publication_state
        return {
            "id": str(obj.pk),
            "text": picker_label(obj),
            "headline": obj.headline,
            "section": obj.section.name,
            "date": story_date(obj),
            "state": state.value,
            "state_label": state.label,
            "public": obj.is_public,
        }


class RelatedStoryPicker(AutocompleteSelect):
    """The autocomplete box of a pinned related story: searches `RelatedStoryLookup` for the
    story `story_pk`, and marks an already pinned story readers cannot see."""

    def __init__(self, field, admin_site, *, story_pk=None, **kwargs):
        super().__init__(field, admin_site, **kwargs)
        self.story_pk = story_pk

    def get_url(self):
        url = reverse(f"{self.admin_site.name}:articles_article_related_lookup")
        return f"{url}?story={self.story_pk}" if self.story_pk else url

    def optgroups(self, name, value, attr=None):
        groups = super().optgroups(name, value, attr)
        chosen = [option for _, options, _ in groups for option in options if option["value"]]
        hidden = {
            str(pk): state_label
            for pk, state_label in _hidden_states([option["value"] for option in chosen])
        }
        for option in chosen:
            if str(option["value"]) in hidden:
                option["attrs"]["data-public"] = "false"
                option["attrs"]["data-state-label"] = hidden[str(option["value"])]
        return groups


def _hidden_states(pks):
    if not pks:
        return []
    stories = (
        Article.objects.hidden().filter(pk__in=pks).only("status", "published_at", "embargo_until")
    )
    return [(story.pk, story.publication_state.label) for story in stories]


def picker_formfield(db_field, admin_site, story):
    """The form field of a pinned related story on `story`'s form (None: a new story)."""
    field = db_field.formfield(
        widget=RelatedStoryPicker(db_field, admin_site, story_pk=story.pk if story else None),
        queryset=Article.objects.select_related("section"),
    )
    field.label_from_instance = picker_label
    return field


def urls(model_admin):
    site = model_admin.admin_site
    lookup = site.admin_view(RelatedStoryLookup.as_view(admin_site=site))
    return [path("related-lookup/", lookup, name="articles_article_related_lookup")]
