"""The one paginated story listing every public list page is built from.

A subclass names what the page is about (`get_subject`) and which published stories belong to
it (`get_stories`); cards, ordering, pagination and 404s for bad `?page=` values live here once.
"""

from django.views.generic import ListView

from articles.public.page_head import PageHead, listing_head
from articles.public.pagination import NewsPaginator

STORIES_PER_PAGE = 20


class StoryListView(ListView):
    """A page about one thing (section, region, tag…) listing its published stories, newest first."""

    paginate_by = STORIES_PER_PAGE
    paginator_class = NewsPaginator
    context_object_name = "stories"
    # The subject is passed to the template under this name ("section", "region", …).
    subject_name = "subject"

    def get_subject(self):
        raise NotImplementedError

    def get_stories(self, subject):
        """The published stories about `subject` (a queryset built on `published()`)."""
        raise NotImplementedError

    def get_queryset(self):
        self.subject = self.get_subject()
        # ListView turns a non-number or out-of-range ?page= into a 404; the paginator slices
        # before the card prefetches run, so only one page of bylines is fetched.
        return self.get_stories(self.subject).with_cards().latest_first()

    def get_head(self, page_obj, **kwargs) -> PageHead:
        """What the page says about itself (`articles.public.page_head`): a CollectionPage by default."""
        return listing_head(self.subject_name, self.subject, page_obj)

    def get_context_data(self, **kwargs):
        kwargs[self.subject_name] = self.subject
        context = super().get_context_data(**kwargs)
        context["head"] = self.get_head(**context)
        return context
