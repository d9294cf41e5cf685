"""The article form editors fill in, and the rules it checks before anything is saved.

The form carries the story's edit counter (`version`) as a hidden field. Saving a story that
someone else saved since the form was opened is refused, and the form is put right for a
second save (`articles.workflow.edit_conflicts`): fields only the other editor changed now show their
value, this editor's own changes stay, and where both changed a field the page says plainly
that saving again will overwrite theirs. A save without the counter is refused (fail closed).

The save bar's "Submit for review" and "Publish" post `_workflow` with the status asked for;
the form takes it as its status, so the same choices and checks apply as to the status field.
The headline and body carry what the page's counters need (`static/admin_extra/
article_form.js`): the length a headline reads best at, and the reading speed
`articles.stories.derived` works reading time out with.
"""

from django import forms
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from taggit.utils import edit_string_for_tags

from articles import workflow
from articles.admin.widgets import AutocompleteSelect
from articles.images import library
from articles.models import Article, Status
from articles.search import filed_names
from articles.stories import derived
from articles.taxonomy.regions import refresh_listings
from articles.wire.cleaning import reflow_html
from articles.workflow import edit_conflicts
from articles.workflow.revisions import article_versions, compare, snapshot, version_for_counter

CONFLICT_MESSAGE = (
    "Someone else saved this story while you were editing it, so your changes were not "
    "saved yet. Their changes are now on this form wherever you had not changed the same "
    "field; your own changes are still here. Check the list below, then save again."
)
# A headline reads best at about this many characters (the model allows more).
HEADLINE_READS_BEST = 70
# The posted name of the save bar's workflow buttons (`articles.admin.article.save_bar`).
WORKFLOW_BUTTON = "_workflow"
MISSING_VERSION_MESSAGE = (
    "This form is missing the story's version number, so it could overwrite someone else's "
    "work. Reload the page and make your changes again."
)


class _NamedTag:
    """A tag name in the shape taggit's `edit_string_for_tags` reads."""

    def __init__(self, name):
        self.name = name


class ArticleAdminForm(forms.ModelForm):
    """Article fields as the admin shows them; the body gets django-prose-editor's widget
    from its model field, and the model sanitizes it on save."""

    # Set by ArticleAdmin.get_form: the statuses offered are the ones this user may choose.
    acting_user = None
    # A preview of the posted form is not a save: it skips the edit-counter check.
    checks_version = True

    class Meta:
        model = Article
        fields = [
            "headline",
            "slug",
            "standfirst",
            "body",
            "byline_override",
            "dateline",
            "section",
            "regions",
            "sources",
            "tags",
            "lead_image",
            "status",
            "published_at",
            "embargo_until",
            "updated_at",
        ]
        error_messages = {
            "slug": {
                "unique": "Another story already uses this slug. Add a word, a place or the "
                "date to make it unique.",
            },
        }

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    clean_pasted_copy = forms.BooleanField(
        label="Clean up pasted copy",
        required=False,
        help_text="Tick before saving when the body was pasted from hard-wrapped copy (one "
        "paragraph per line): lines are rejoined into paragraphs, sentence by sentence, as the "
        "wire desk does; real paragraph breaks stay.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        if self.instance.pk is not None:
            self.initial["version"] = self.instance.version
        if "status" in self.fields and self.acting_user is not None:
            allowed = workflow.allowed_statuses(self.acting_user, self.instance)
            self.fields["status"].choices = [(value, Status(value).label) for value in allowed]
        requested = self.data.get(WORKFLOW_BUTTON) if self.is_bound else None
        if requested and "status" in self.fields:
            # "Submit for review" / "Publish": the status asked for, checked like a choice.
            self.data = self.data.copy()
            self.data[self.add_prefix("status")] = requested
        self._describe_for_counters()

    def _describe_for_counters(self):
        if "headline" in self.fields:
            self.fields["headline"].widget.attrs.update(
                {
                    "class": "vTextField headline-input",
                    "data-reads-best": HEADLINE_READS_BEST,
                    # Django points the field at its help text; the count describes it too.
                    "aria-describedby": f"{self['headline'].id_for_label}_helptext headline-count",
                }
            )
        if "body" in self.fields:
            self.fields["body"].widget.attrs.update(
                {
                    "data-words-per-minute": derived.WORDS_PER_MINUTE,
                    "aria-describedby": f"{self['body'].id_for_label}_helptext body-count",
                }
            )

    def _save_m2m(self):
        super()._save_m2m()
        # The story's regions were just set: list it on every region page that rolls them up.
        refresh_listings([self.instance.pk])
        # Its regions, sources and tags were just set: search finds it by their names.
        filed_names.index_story(self.instance)

    def clean_body(self):
        body = self.cleaned_data.get("body") or ""
        if self.data.get(self.add_prefix("clean_pasted_copy")) in ("on", "true", "1", "True"):
            body = reflow_html(body)
        return body

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None and self.checks_version:
            self._check_version(cleaned)
        image = cleaned.get("lead_image")
        if (
            image is not None
            and not image.alt_text.strip()
            and cleaned.get("status") == (Status.PUBLISHED)
        ):
            self.add_error("lead_image", library.MISSING_ALT_TEXT)
        if cleaned.get("status") == Status.PUBLISHED and self.instance.status != Status.PUBLISHED:
            # Said here, before anything is saved; the workflow refuses it again on publish.
            killed = workflow.agency_block(self.instance)
            if killed:
                self.add_error("status" if "status" in self.fields else None, killed)
        return cleaned

    def _check_version(self, cleaned):
        """Refuse a stale or missing edit counter.

        The row stays locked (select_for_update on PostgreSQL; SQLite's IMMEDIATE
        transactions already serialize writers) until the admin's transaction ends, so no
        other save can slip in between this check and this form's save.
        """
        token = cleaned.get("version")
        if token is None:
            raise forms.ValidationError(MISSING_VERSION_MESSAGE, code="missing_version")
        current = Article.objects.select_for_update().filter(pk=self.instance.pk).first()
        if current is None or current.version == token:
            return
        opened = version_for_counter(current, token)
        theirs = edit_conflicts.story_values(current)
        mine = self._my_values(cleaned)
        base = edit_conflicts.version_values(opened) if opened else None
        outcomes = edit_conflicts.reconcile(base, theirs, mine)
        self.conflict = {**self._changes_since(current, opened), "fields": outcomes}
        # The second save is a deliberate choice, made on a form that now carries the other
        # editor's changes wherever this editor had not touched the same field.
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = str(current.version)
        for outcome in outcomes:
            if outcome.outcome == edit_conflicts.THEIRS:
                self._put_on_form(outcome.name, outcome.theirs)
        raise forms.ValidationError(CONFLICT_MESSAGE, code="edit_conflict")

    def _my_values(self, cleaned) -> dict:
        """This editor's values for the fields the form shows, in edit_conflicts' shape."""
        mine = {}
        for name, _ in edit_conflicts.FIELDS:
            if name not in self.fields or name not in cleaned:
                continue
            value = cleaned[name]
            if name in ("section", "lead_image"):
                value = value.pk if value else None
            elif name in edit_conflicts.LISTS:
                value = [item.pk for item in value or ()]
            mine[name] = edit_conflicts.normalize(name, value)
        return mine

    def _put_on_form(self, name, value):
        """Set the posted value of field `name` to the stored `value`, as a browser posts it."""
        field, key = self.fields[name], self.add_prefix(name)
        if isinstance(field, forms.SplitDateTimeField):
            local = timezone.localtime(value) if value else None
            self.data[f"{key}_0"] = local.strftime("%Y-%m-%d") if local else ""
            self.data[f"{key}_1"] = local.strftime("%H:%M:%S") if local else ""
        elif name in edit_conflicts.LISTS:
            self.data.setlist(key, [str(pk) for pk in value])
        elif name == "tags":
            self.data[key] = edit_string_for_tags([_NamedTag(tag) for tag in value])
        else:
            self.data[key] = "" if value is None else str(value)

    def _changes_since(self, current, opened):
        """What the other editor changed, from the revision this editor opened to now."""
        latest = article_versions(current).first()
        if latest is None:
            return {"changes": [], "by": None, "at": None}
        changes = compare(snapshot(opened), snapshot(latest)) if opened else []
        return {
            "changes": changes,
            "by": latest.revision.user,
            "at": latest.revision.date_created,
        }


class BylineFormSet(BaseInlineFormSet):
    """Byline credits; a published story must carry a byline (an author or an override)."""

    def clean(self):
        super().clean()
        story = self.instance
        if story.status != Status.PUBLISHED or story.byline_override.strip():
            return
        credited = [
            form
            for form in self.forms
            if form.cleaned_data.get("author") and not self._should_delete_form(form)
        ]
        if not credited:
            raise forms.ValidationError(
                "A published story needs a byline: add at least one author, or fill in the "
                "byline override (e.g. “Staff Correspondent”).",
                code="byline_required",
            )


class RelatedStoryFormSet(BaseInlineFormSet):
    """Pinned related stories; a story cannot be pinned to itself."""

    def clean(self):
        super().clean()
        if self.instance.pk is None:
            return
        for form in self.forms:
            related = form.cleaned_data.get("related")
            if related is not None and related.pk == self.instance.pk:
                form.add_error("related", "A story cannot be related to itself.")


class RequiredAutocompleteSelect(AutocompleteSelect):
    """The admin's autocomplete for a required foreign key (a story's section), with an empty
    first option: HTML requires a required single <select> to hold at least one option, and
    Django's widget renders none until something is chosen (the Nu checker's error)."""

    def optgroups(self, name, value, attr=None):
        groups = super().optgroups(name, value, attr)
        if self.is_required:
            groups[0][1].insert(0, self.create_option(name, "", "---------", False, 0))
        return groups
