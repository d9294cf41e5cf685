"""What every public page says about itself in its <head>: description, canonical address,
OpenGraph and X (Twitter) card, feeds to discover and JSON-LD.

Views build one `PageHead` with the functions below and pass it as `head`; `base.html` renders
it once through `{% page_head %}` (articles/templatetags/newsroom.py and
templates/includes/page_head.html), so no page type keeps its own copy of the tags. Pages
without one (404, 410, the error pages) get the site's defaults. Everything here reads only
what the view already fetched: a head costs no query.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse

from articles.addresses.absolute import absolute_url
from articles.public import structured_data

# Each listing's feeds: the URL names of its RSS and Atom versions (articles/public/urls.py).
FEED_ROUTES = {
    "section": ("articles:feed_section", "articles:feed_section_atom"),
    "region": ("articles:feed_region", "articles:feed_region_atom"),
    "source": ("articles:feed_source", "articles:feed_source_atom"),
    "tag": ("articles:feed_tag", "articles:feed_tag_atom"),
    "author": ("articles:feed_author", "articles:feed_author_atom"),
}
# The index each kind of listing belongs to, as its middle breadcrumb.
INDEXES = {
    "region": ("Regions", "articles:region_index"),
    "source": ("Sources", "articles:source_index"),
    "tag": ("Topics", "articles:tag_index"),
}


@dataclass(frozen=True)
class FeedLinks:
    """One subject's feeds, announced with <link rel="alternate"> (and linked on the page)."""

    title: str
    rss: str
    atom: str


@dataclass
class PageHead:
    title: str
    description: str = ""
    canonical: str = ""
    # og:type: "website", "article" or "profile".
    kind: str = "website"
    # The page's own share picture (absolute URL); without one, settings.SHARE_IMAGE_URL.
    image: str = ""
    image_alt: str = ""
    feeds: list[FeedLinks] = field(default_factory=list)
    structured_data: list[dict] = field(default_factory=list)

    @property
    def image_url(self) -> str:
        return self.image or structured_data.default_share_image_url()

    @property
    def subject_feed(self) -> FeedLinks | None:
        """The feed of what this page is about (the last one announced), for its visible link."""
        return self.feeds[-1] if len(self.feeds) > 1 else None


def latest_feeds() -> FeedLinks:
    """The site's newest stories: announced on every page."""
    return FeedLinks(
        f"{settings.SITE_NAME}: latest stories",
        reverse("articles:feed_latest_rss"),
        reverse("articles:feed_latest_atom"),
    )


def default_description() -> str:
    return f"The latest news from {settings.SITE_NAME}."


def site_head(title: str = "") -> PageHead:
    """What a page without a head of its own (an error page) says: the site's defaults."""
    return PageHead(
        title=title or settings.SITE_NAME, description=default_description(), feeds=[latest_feeds()]
    )


def paged(path: str, page_obj=None, **query) -> str:
    """The absolute, self-canonical address of one page of a listing (`?page=N` past the first)."""
    if page_obj is not None and page_obj.number > 1:
        query["page"] = page_obj.number
    pairs = "&".join(f"{key}={value}" for key, value in query.items() if value not in (None, ""))
    return absolute_url(path) + (f"?{pairs}" if pairs else "")


def home_head() -> PageHead:
    canonical = absolute_url(reverse("articles:home"))
    return PageHead(
        title=settings.SITE_NAME,
        description=default_description(),
        canonical=canonical,
        feeds=[latest_feeds()],
        structured_data=[structured_data.website(), structured_data.organization()],
    )


def _feeds_of(kind: str, subject) -> FeedLinks:
    rss, atom = FEED_ROUTES[kind]
    return FeedLinks(
        f"{settings.SITE_NAME}: {subject.name}",
        reverse(rss, kwargs={"slug": subject.slug}),
        reverse(atom, kwargs={"slug": subject.slug}),
    )


def listing_head(kind: str, subject, page_obj=None, *, ancestors=()) -> PageHead:
    """A section, region, source or tag page (one page of its stories): a CollectionPage."""
    url = absolute_url(subject.get_absolute_url())
    trail = [structured_data.home_crumb()]
    if kind in INDEXES:
        name, route = INDEXES[kind]
        trail.append((name, absolute_url(reverse(route))))
    trail += [(place.name, absolute_url(place.get_absolute_url())) for place in ancestors]
    trail.append((subject.name, url))
    description = (getattr(subject, "description", "") or "").strip()
    summary = description or f"The latest stories on {subject.name} from {settings.SITE_NAME}."
    return PageHead(
        title=subject.name,
        description=summary,
        canonical=paged(subject.get_absolute_url(), page_obj),
        feeds=[latest_feeds(), _feeds_of(kind, subject)],
        structured_data=structured_data.collection_page(subject.name, url, description, trail),
    )


def author_head(author, page_obj=None) -> PageHead:
    url = absolute_url(author.get_absolute_url())
    portrait = structured_data.picture_share(author.photo, author.name)
    return PageHead(
        title=author.name,
        description=(author.bio or "").strip()
        or f"Stories by {author.name}{f', {author.role}' if author.role else ''}, "
        f"from {settings.SITE_NAME}.",
        canonical=paged(author.get_absolute_url(), page_obj),
        kind="profile",
        image=portrait["url"] if portrait else "",
        image_alt=author.name if portrait else "",
        feeds=[latest_feeds(), _feeds_of("author", author)],
        structured_data=structured_data.profile_page(author, url),
    )


def index_head(
    title: str, path: str, description: str, page_obj=None, *, collection=False, **query
) -> PageHead:
    """A page of the site's own (an index, the corrections, search results). A `collection`
    (the regions, sources and topics indexes, the corrections) is described as a
    CollectionPage under the home page's breadcrumb."""
    canonical = paged(path, page_obj, **query)
    data = []
    if collection:
        trail = [structured_data.home_crumb(), (title, canonical)]
        data = structured_data.collection_page(title, canonical, description, trail)
    return PageHead(
        title=title,
        description=description,
        canonical=canonical,
        feeds=[latest_feeds()],
        structured_data=data,
    )


def story_head(article, share_image: dict | None) -> PageHead:
    """An article page; its NewsArticle JSON-LD and article:* tags are in its cached fragment."""
    return PageHead(
        title=article.headline,
        description=article.standfirst or default_description(),
        canonical=absolute_url(article.get_absolute_url()),
        kind="article",
        image=share_image["url"] if share_image else "",
        image_alt=share_image["alt"] if share_image else "",
        feeds=[latest_feeds()],
    )
