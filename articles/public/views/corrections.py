"""The public corrections page: every correction, clarification and update, newest first.

Only corrections on stories readers may see are listed (through `Article.objects.published()`),
in a fixed number of queries per page.
"""

from django.urls import reverse
from django.views.generic import ListView

from articles.models import Article, Correction
from articles.public.page_head import index_head
from articles.public.pagination import NewsPaginator

CORRECTIONS_PER_PAGE = 30


class CorrectionsView(ListView):
    template_name = "articles/corrections.html"
    context_object_name = "corrections"
    paginate_by = CORRECTIONS_PER_PAGE
    paginator_class = NewsPaginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["head"] = index_head(
            "Corrections",
            reverse("articles:corrections"),
            "Corrections, clarifications and updates to our stories.",
            context["page_obj"],
            collection=True,
        )
        return context

    def get_queryset(self):
        return (
            Correction.objects.filter(article__in=Article.objects.published())
            .select_related("article__section")
            .order_by("-created_at", "-pk")
        )
