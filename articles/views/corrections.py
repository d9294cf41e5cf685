"""The public corrections page: every correction, clarification and update, newest first.

Only corrections on stories readers may see are listed (through `Article.objects.published()`),
in a fixed number of queries per page.
"""

from django.views.generic import ListView

from ..models import Article, Correction
from ..pagination import NewsPaginator

CORRECTIONS_PER_PAGE = 30


class CorrectionsView(ListView):
    template_name = "articles/corrections.html"
    context_object_name = "corrections"
    paginate_by = CORRECTIONS_PER_PAGE
    paginator_class = NewsPaginator

    def get_queryset(self):
        return (
            Correction.objects.filter(article__in=Article.objects.published())
            .select_related("article__section")
            .order_by("-created_at", "-pk")
        )
