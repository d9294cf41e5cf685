"""The breaking-news banner screen: raise a banner, lower it early, and read every banner ever
raised (who, when, what, until when, who took it down) — the banner's audit trail.

Raising and lowering are `articles.fronts.banners`' business; banners are never edited or deleted
here. The lowering view checks the role itself, so a forged POST is refused with a 403.
"""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from articles.fronts import banners
from articles.models import Article, Banner
from articles.staff.roles import can_raise_banners

from .asks_again import AsksAgainMixin
from .fronts import PinnableStoryWidget, PinnedStoryField
from .searching import SafeSearchMixin

# How long a banner stays up, in minutes: what an editor on deadline picks from.
DURATIONS = [
    (15, "15 minutes"),
    (30, "30 minutes"),
    (60, "1 hour"),
    (120, "2 hours"),
    (240, "4 hours"),
    (480, "8 hours"),
    (1440, "24 hours"),
]


class RaiseBannerForm(forms.ModelForm):
    stays_up = forms.TypedChoiceField(
        label="Comes down after",
        choices=DURATIONS,
        coerce=int,
        initial=60,
        help_text="It disappears from every page by itself then.",
    )
    until = forms.DateTimeField(
        label="…or at exactly",
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local", "step": 1}),
        help_text="Optional, in the site's time zone; wins over the choice above (at most 48 "
        "hours ahead).",
    )

    class Meta:
        model = Banner
        fields = ["text", "level", "link"]

    def __init__(self, *args, admin_site=None, **kwargs):
        super().__init__(*args, **kwargs)
        if "link" not in self.fields:
            return  # a banner already raised: shown read-only
        link = Banner._meta.get_field("link")
        self.fields["link"] = PinnedStoryField(
            queryset=Article.objects.pinnable().with_cards(),
            required=False,
            label="Links to",
            help_text=link.help_text,
            widget=PinnableStoryWidget(link, admin_site),
        )
        self.fields["text"].widget.attrs.update({"size": 80, "autocomplete": "off"})

    def clean(self):
        cleaned = super().clean()
        until = cleaned.get("until")
        minutes = cleaned.get("stays_up")
        if until is None and minutes:
            until = timezone.now() + timedelta(minutes=minutes)
        self.instance.expires_at = until
        banner = Banner(
            text=cleaned.get("text", ""),
            level=cleaned.get("level"),
            link=cleaned.get("link"),
            expires_at=until,
        )
        try:
            banners.check_banner(banner)
        except ValidationError as error:
            # The expiry is asked for in two fields: name the one the editor used.
            if "expires_at" in error.error_dict:
                field = "until" if cleaned.get("until") else "stays_up"
                error.error_dict[field] = error.error_dict.pop("expires_at")
            self._update_errors(error)
        return cleaned


@admin.register(Banner)
class BannerAdmin(AsksAgainMixin, SafeSearchMixin, admin.ModelAdmin):
    # Raising one puts words on every page at once: a recent check first (reading the trail
    # does not ask).
    asks_again_on_change = False

    form = RaiseBannerForm
    list_display = [
        "text",
        "level",
        "state",
        "raised_at",
        "raised_by",
        "expires_at",
        "lowered",
    ]
    list_select_related = ["raised_by", "lowered_by"]
    list_filter = ["level"]
    search_fields = ["text"]
    date_hierarchy = "raised_at"
    readonly_fields = [
        "text",
        "level",
        "link",
        "raised_at",
        "raised_by",
        "expires_at",
        "lowered_at",
        "lowered_by",
        "replaced_by",
    ]
    change_form_template = "admin/articles/banner/change_form.html"

    @admin.display(description="now")
    def state(self, banner):
        state = banners.banner_state(banner)
        labels = {
            "up": "Showing",
            "expired": "Expired",
            "lowered": "Lowered",
            "replaced": "Replaced",
        }
        return format_html(
            '<span class="banner-state banner-state--{}">{}</span>', state, labels[state]
        )

    @admin.display(description="taken down")
    def lowered(self, banner):
        if banner.lowered_at is None:
            return "—"
        when = timezone.localtime(banner.lowered_at).strftime("%Y-%m-%d %H:%M:%S")
        who = banner.lowered_by.get_username() if banner.lowered_by else "system"
        return f"{when} by {who}" + (" (replaced)" if banner.replaced_by_id else "")

    # Banners are raised, read and lowered; never edited, never deleted ---------------------

    def has_add_permission(self, request):
        return can_raise_banners(request.user)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["text", "level", "link", "stays_up", "until"]
        return self.readonly_fields

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)

        class WithSite(form):
            def __init__(inner, *args, **kw):
                super().__init__(*args, admin_site=self.admin_site, **kw)

        return WithSite

    def save_model(self, request, obj, form, change):
        banners.raise_banner(obj, by=request.user)

    def response_add(self, request, obj, post_url_continue=None):
        until = timezone.localtime(obj.expires_at)
        self.message_user(
            request,
            f"Raised: every public page shows “{obj.text}” now, until {until:%H:%M:%S %Z}.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:articles_banner_changelist"))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra = dict(extra_context or {})
        if object_id and str(object_id).isdigit():
            banner = Banner.objects.filter(pk=object_id).first()
            extra["may_lower"] = (
                banner is not None
                and banners.banner_state(banner) == "up"
                and can_raise_banners(request.user)
            )
        return super().changeform_view(request, object_id, form_url, extra)

    def get_urls(self):
        lower = self.admin_site.admin_view(require_POST(self.lower_view))
        return [path("<int:pk>/lower/", lower, name="articles_banner_lower"), *super().get_urls()]

    def lower_view(self, request, pk):
        banners.require_banner_editor(request.user)
        banner = get_object_or_404(Banner, pk=pk)
        if banners.lower_banner(banner, by=request.user):
            self.message_user(request, f"Lowered “{banner.text}”: no page shows it any more.")
        else:
            self.message_user(request, "That banner was already down.", messages.WARNING)
        return HttpResponseRedirect(reverse("admin:articles_banner_changelist"))
