"""The image library's screens: upload and describe pictures, find them again, choose them.

Uploading goes through `articles.images.library.add_image` (checks, clean copy, private
original, queued renditions); the form says plainly why a file is refused. The list shows a
thumbnail of each picture, searches titles, alt text, captions and credits, and filters by
source, format, uploader and missing alt text. The chooser (`ImageChooser`) is the search box
a story's lead image and an author's photo are picked with: each result carries a thumbnail,
and the chosen picture is previewed under the box with its alt text, caption and credit.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from articles.admin.widgets import AutocompleteAdminMixin, AutocompleteSelect
from articles.images import library, renditions
from articles.models import Article, Author, Image


def thumbnail_url(image) -> str:
    record = renditions.best(image, "square", 320)
    return renditions.url(record) if record else ""


def thumbnail(image, size: int = 96):
    address = thumbnail_url(image)
    if not address:
        return format_html('<span class="image-pending">{}</span>', "Renditions pending")
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}" class="image-thumbnail">',
        address,
        size,
        size,
        image.alt_text,
    )


class MissingAltTextFilter(admin.SimpleListFilter):
    title = "alt text"
    parameter_name = "alt"

    def lookups(self, request, model_admin):
        return [("missing", "Missing"), ("written", "Written")]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.filter(alt_text="")
        if self.value() == "written":
            return queryset.exclude(alt_text="")
        return queryset


class ImageForm(forms.ModelForm):
    upload = forms.FileField(
        label="Picture",
        required=False,
        help_text="JPEG, PNG, WebP, GIF or AVIF; location data is removed on upload.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )

    class Meta:
        model = Image
        fields = [
            "title",
            "alt_text",
            "caption",
            "credit",
            "source",
            "usage_terms",
            "focal_x",
            "focal_y",
        ]

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if not upload:
            if self.instance.pk is None:
                raise ValidationError("Choose a picture to upload.", code="required")
            return None
        self.cleaned_picture = library.check_upload(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        # Stored last, once everything else is valid, so a store that fails is a form error
        # (and a form with other errors leaves nothing in the store).
        self.stored_name = ""
        if getattr(self, "cleaned_picture", None) is not None and not self.errors:
            try:
                self.stored_name = library.store_original(self.cleaned_picture)
            except ValidationError as error:
                self.add_error("upload", error)
        return cleaned


@admin.register(Image)
class ImageAdmin(AutocompleteAdminMixin, admin.ModelAdmin):
    form = ImageForm
    list_display = ["thumbnail_display", "title", "credit", "source", "size_display", "uses"]
    list_display_links = ["thumbnail_display", "title"]
    list_filter = [MissingAltTextFilter, "source", "format", "uploaded_by"]
    list_select_related = ["source"]
    search_fields = ["title", "alt_text", "caption", "credit", "source__name"]
    autocomplete_fields = ["source"]
    readonly_fields = ["preview", "width", "height", "format", "uploaded_by", "uploaded_at"]
    fieldsets = [
        (None, {"fields": ["upload", "preview", "title", "alt_text", "caption", "credit"]}),
        ("Rights", {"fields": ["source", "usage_terms"]}),
        (
            "Cropping",
            {
                "fields": ["focal_x", "focal_y"],
                "description": "Crops (square, 4:3, 16:9 and the social card) keep the focal "
                "point in the picture. 0.5 and 0.5 is the centre.",
            },
        ),
        ("Record", {"fields": ["width", "height", "format", "uploaded_by", "uploaded_at"]}),
    ]

    def get_queryset(self, request):
        # How many stories use each picture; a grouped query keeps no model ordering.
        stories = Count("lead_of", distinct=True)
        return (
            super()
            .get_queryset(request)
            .annotate(story_count=stories)
            .order_by("-uploaded_at", "-pk")
        )

    @admin.display(description="picture")
    def thumbnail_display(self, image):
        return thumbnail(image, 64)

    @admin.display(description="preview")
    def preview(self, image):
        return thumbnail(image, 160) if image.pk else "—"

    @admin.display(description="size")
    def size_display(self, image):
        return f"{image.width}×{image.height} {image.format}"

    @admin.display(description="stories", ordering="story_count")
    def uses(self, image):
        return image.story_count

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or library.may_change(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        clean = getattr(form, "cleaned_picture", None)
        if not change:
            library.add_image(clean, obj, by=request.user, stored=form.stored_name)
        else:
            library.update_image(obj, clean, stored=form.stored_name)

    def get_urls(self):
        site = self.admin_site
        lookup = site.admin_view(ImageLookup.as_view(admin_site=site))
        return [
            path("choose/", lookup, name="articles_image_choose"),
            path("pick/", site.admin_view(self.pick_view), name="articles_image_pick"),
        ] + super().get_urls()

    def pick_view(self, request):
        """The body editor's figure picker (a small window opened by its "Browse…" button):
        the library's pictures with renditions, searchable; choosing one hands its address,
        id, alt text and caption back to the editor (`static/admin_extra/image_picker.js`)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        query = request.GET.get("q", "")[:100]
        images = Image.objects.search(query).exclude(renditions={}).order_by("-uploaded_at")
        choices = [
            {"image": image, "url": thumbnail_url(image), "figure": _figure_url(image)}
            for image in images[:PICKER_PAGE]
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": "Choose a picture for the body",
            "choices": choices,
            "query": query,
            "callback": request.GET.get("CKEditorFuncNum", ""),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/articles/image/pick.html", context)


class ImageLookup(AutocompleteJsonView):
    """The chooser's search: the library's search, each result with a thumbnail, its alt
    text, caption and credit (for the preview under the box)."""

    def process_request(self, request):
        found = super().process_request(request)
        allowed = {Article._meta.get_field("lead_image"), Author._meta.get_field("photo")}
        if found[2] not in allowed:
            raise PermissionDenied("This search finds pictures for stories and authors only.")
        return found

    def serialize_result(self, obj, to_field_name):
        return {"id": str(obj.pk), "text": str(obj), **preview_data(obj)}


# How many pictures the figure picker lists at once (search finds the rest).
PICKER_PAGE = 60


def _figure_url(image) -> str:
    record = renditions.best(image, "wide", 1024)
    return renditions.url(record) if record else ""


def preview_data(image) -> dict:
    return {
        "thumbnail": thumbnail_url(image),
        "alt": image.alt_text,
        "caption": image.caption,
        "credit": image.credit,
    }


class ImageChooser(AutocompleteSelect):
    """A searchable box of library pictures with a preview of the one chosen under it."""

    def get_url(self):
        return reverse(f"{self.admin_site.name}:articles_image_choose")

    empty_label = "No picture"

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["class"] += " image-chooser"
        attrs["data-placeholder"] = "Search the image library by title, caption or credit"
        return attrs

    def render(self, name, value, attrs=None, renderer=None):
        box = super().render(name, value, attrs, renderer)
        image = Image.objects.filter(pk=value).first() if value not in (None, "") else None
        data = preview_data(image) if image else {"thumbnail": "", "alt": "", "caption": ""}
        preview_id = f"{(attrs or {}).get('id', name)}_preview"
        return format_html(
            '{}<div class="image-chooser__preview" id="{}" aria-live="polite" '
            'data-for="{}">{}</div>',
            box,
            preview_id,
            (attrs or {}).get("id", name),
            _preview_body(image, data),
        )


def _preview_body(image, data):
    if image is None:
        return ""
    alt = data["alt"] or "No alt text yet: the story cannot be published until it has some."
    picture = (
        format_html('<img src="{}" width="160" height="160" alt="">', data["thumbnail"])
        if data["thumbnail"]
        else format_html('<span class="image-pending">{}</span>', "Renditions pending")
    )
    return format_html(
        '{}<p class="image-chooser__alt"><span>Alt text:</span> {}</p>'
        '<p class="image-chooser__caption">{}</p>',
        picture,
        alt,
        " — ".join(part for part in (image.caption, image.credit) if part),
    )


def chooser_formfield(db_field, admin_site, **kwargs):
    """The form field of a lead image or author photo: the chooser."""
    return db_field.formfield(
        widget=ImageChooser(db_field, admin_site),
        queryset=Image.objects.all(),
        **kwargs,
    )
