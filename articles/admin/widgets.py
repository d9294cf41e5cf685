"""The admin's autocomplete box, as every staff screen uses it.

Django's `AutocompleteSelect` renders an optional field's empty choice as `<option
value=""></option>`, which HTML forbids (an option with neither text nor a label: the Nu
checker's error), so each screen used to patch its own box. Here the empty choice says what it
means ("None", or the field's own word: "No picture", "No story"), once for every box; select2
still shows its blank placeholder for it. `AutocompleteAdminMixin` makes a ModelAdmin's (or an
inline's) `autocomplete_fields` use it.
"""

from django.contrib.admin import widgets


class AutocompleteSelect(widgets.AutocompleteSelect):
    empty_label = "None"

    def __init__(self, field, admin_site, attrs=None, choices=(), using=None, *, empty_label=""):
        super().__init__(field, admin_site, attrs, choices, using)
        self.empty_label = empty_label or self.empty_label

    def optgroups(self, name, value, attr=None):
        groups = super().optgroups(name, value, attr)
        for _, options, _ in groups:
            for option in options:
                if option["value"] == "" and not option["label"]:
                    option["label"] = self.empty_label
        return groups


class AutocompleteAdminMixin:
    """For a ModelAdmin or an inline: its autocomplete foreign keys use the box above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = AutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
