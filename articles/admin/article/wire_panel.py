"""The wire panel on the article form: what the agency sent beside a wire story (byline,
subjects, genres, slugline, editorial note, usage terms, expiry), the desk's notes, the tags
its subjects suggest and the names the vocabulary does not know yet, with links to add them.
Nothing here files or creates anything: the editor decides (docs/editors/wire-desk.md)."""

from urllib.parse import urlencode

from django.urls import reverse

from articles.models import WireStory

# Where each kind of unknown name is added to the vocabulary.
_ADD = {"places": "admin:articles_region_add", "people": "admin:articles_source_add"}
_ADD_DEFAULT = "admin:articles_source_add"


def change_form_context(obj) -> dict:
    """{"wire_copy": …, "wire_unknown": [(kind, name, add url)]} for a story that came in on
    the wire; nothing for others (one query)."""
    if obj is None or obj.pk is None:
        return {}
    wire = WireStory.objects.select_related("provider", "override_by").filter(article=obj).first()
    if wire is None:
        return {}
    unknown = [
        (kind, name, f"{reverse(_ADD.get(kind, _ADD_DEFAULT))}?{urlencode({'name': name})}")
        for kind, names in (wire.metadata.get("unknown") or {}).items()
        for name in names
    ]
    return {"wire_copy": wire, "wire_unknown": unknown}
