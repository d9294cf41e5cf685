"""Sensitive steps ask again: a form that changes who may do what (accounts, roles), that shows
or sets a partner's signing secret, or that raises the breaking-news banner opens only for a
session that proved who it is in the last few minutes (`articles.accounts.factors
.checked_recently`); otherwise it sends the person to "Confirm it's you" first, and back."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse

from articles.accounts import factors


def confirm_first(request):
    """The redirect to "Confirm it's you", coming back to this page (a refused POST is not
    saved: the form is shown again afterwards)."""
    if request.method == "POST":
        messages.warning(request, "Nothing was saved: confirm it's you, then save again.")
    query = urlencode({"next": request.get_full_path()})
    return HttpResponseRedirect(f"{reverse('confirm-identity')}?{query}")


class AsksAgainMixin:
    """For a ModelAdmin: its add (and, unless `asks_again_on_change` is False, change) form
    needs a recent check."""

    asks_again_on_change = True

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if (object_id is None or self.asks_again_on_change) and not factors.checked_recently(
            request
        ):
            return confirm_first(request)
        return super().changeform_view(request, object_id, form_url, extra_context)
