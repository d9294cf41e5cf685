"""What machines read about a page: a story's "Updated" time and share image, and the JSON-LD
of every public page type.

The article page, the feeds and the sitemaps all describe a story to machines, so this lives
outside `views/`. It builds plain dicts (schema.org `NewsArticle` on stories, `WebSite` with a
`SearchAction` and `Organization` on the home page, `CollectionPage` on section, tag, region
and source pages, `ProfilePage` on author pages, and a `BreadcrumbList` beside each, as
docs/readers/structured-data.md lists them); the template outputs them with `{% json_ld %}`, which escapes `<`, `>` and `&`
so a headline cannot close the script element. Every URL here is complete (`absolute_url`):
crawlers and card renderers do not resolve relative ones.
"""

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone

from articles.addresses.absolute import absolute_url
from articles.images import renditions
from articles.models import Article
from articles.public.timestamps import w3c_datetime


def last_modified(article: Article, corrections=None):
    """The "Updated" time readers see and `dateModified` says: a material update or the latest
    correction, whichever is later; the publish time when there is neither. `corrections`
    defaults to the story's (prefetched by listings)."""
    times = [article.published_at]
    if article.shows_update:
        times.append(article.updated_at)
    if corrections is None:
        corrections = article.corrections.all()
    times += [correction.created_at for correction in corrections]
    return max(time for time in times if time)


def picture_share(image, alt: str = "") -> dict | None:
    """A library picture's social-preview rendition (the 1.91:1 "share" crop, a JPEG up to
    1200 px wide) as {url, width, height, alt}, or None before it has renditions."""
    record = renditions.best(image, "share", 1200)
    if record is None:
        return None
    return {
        "url": absolute_url(renditions.url(record)),
        "width": record["width"],
        "height": record["height"],
        "alt": alt or image.alt_text,
    }


def share_image(article: Article) -> dict | None:
    """The story's share picture (its lead's share crop), or None."""
    return picture_share(article.lead_image)


def share_image_url(article: Article) -> str:
    """The absolute URL of the social-preview rendition, or ""."""
    image = share_image(article)
    return image["url"] if image else ""


def image_crops(image) -> list[str]:
    """JSON-LD `image`: the 1:1, 4:3 and 16:9 crops (each ≥ 50,000 px², as Google asks)."""
    found = (renditions.best(image, crop, 1024) for crop in ("square", "standard", "wide"))
    return [absolute_url(renditions.url(record)) for record in found if record]


# The raster publisher logo (search engines do not take SVG): static/img/logo.png, drawn from
# logo.svg by docs/raster_images.py.
LOGO_PATH, LOGO_SIZE = "img/logo.png", 512


def default_share_image_url() -> str:
    """The absolute URL of the picture social cards show for a page without its own
    (settings.SHARE_IMAGE_URL: a static path or a complete URL)."""
    configured = settings.SHARE_IMAGE_URL
    if configured.startswith(("http://", "https://", "//", "/")):
        return absolute_url(configured)
    return absolute_url(static(configured))


def _site_id(fragment: str) -> str:
    return f"{settings.SITE_URL}/#{fragment}"


def _publisher() -> dict:
    return {
        "@type": "Organization",
        "@id": _site_id("organization"),
        "name": settings.SITE_NAME,
        "url": f"{settings.SITE_URL}/",
        "logo": {
            "@type": "ImageObject",
            "url": absolute_url(static(LOGO_PATH)),
            "width": LOGO_SIZE,
            "height": LOGO_SIZE,
        },
    }


def organization() -> dict:
    """schema.org Organization: the publication, with its raster logo (home page)."""
    return {"@context": "https://schema.org", **_publisher()}


def website() -> dict:
    """schema.org WebSite with a SearchAction on the site's search (home page)."""
    search = absolute_url(reverse("articles:search"))
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "@id": _site_id("website"),
        "name": settings.SITE_NAME,
        "url": f"{settings.SITE_URL}/",
        "inLanguage": settings.SITE_LANGUAGE,
        "publisher": {"@id": _site_id("organization")},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }


def breadcrumb_list(trail) -> dict:
    """schema.org BreadcrumbList from (name, absolute URL or None) pairs, home first; the last
    crumb, the page itself, may go without its URL."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name}
            | ({"item": url} if url else {})
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def home_crumb() -> tuple[str, str]:
    return (settings.SITE_NAME, absolute_url(reverse("articles:home")))


def collection_page(name: str, url: str, description: str, trail) -> list[dict]:
    """schema.org CollectionPage (a section, tag, region or source page) and its breadcrumbs."""
    page = {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": name,
        "url": url,
        "inLanguage": settings.SITE_LANGUAGE,
        "isPartOf": {"@id": _site_id("website")},
        "breadcrumb": {"@id": f"{url}#breadcrumb"},
    }
    if description:
        page["description"] = description
    return [page, {**breadcrumb_list(trail), "@id": f"{url}#breadcrumb"}]


def profile_page(author, url: str) -> list[dict]:
    """schema.org ProfilePage whose main entity is the author (a Person), and its breadcrumbs."""
    person = {"@type": "Person", "name": author.name, "url": url}
    if author.role:
        person["jobTitle"] = author.role
    if author.bio:
        person["description"] = author.bio
    portrait = renditions.best(author.photo, "square", 640)
    if portrait:
        person["image"] = absolute_url(renditions.url(portrait))
    page = {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "url": url,
        "inLanguage": settings.SITE_LANGUAGE,
        "isPartOf": {"@id": _site_id("website")},
        "mainEntity": person,
    }
    return [page, breadcrumb_list([home_crumb(), (author.name, None)])]


def _credit(article: Article) -> dict:
    """`author` (and `creditText`) for a story. Credited authors are each a `Person` with their
    page. A byline override ("Staff Correspondent", "Agencies") names neither a person nor an
    organisation: the publication answers for the story as its author, and the credit line
    is said as printed, in `creditText`; a story without a credit is the publication's too."""
    if article.byline_override or not article.byline_authors:
        publication = {"@type": "Organization", "@id": _site_id("organization")}
        publication |= {"name": settings.SITE_NAME, "url": f"{settings.SITE_URL}/"}
        credit = {"author": [publication]}
        if article.byline_override:
            credit["creditText"] = article.byline_override
        return credit
    return {
        "author": [
            {"@type": "Person", "name": author.name, "url": absolute_url(author.get_absolute_url())}
            for author in article.byline_authors
        ]
    }


def news_article(article: Article, modified_at, filing) -> dict:
    """schema.org NewsArticle for one story, with what it is filed under (`filing_of`) and its
    corrections (prefetched by the caller)."""
    canonical = absolute_url(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline,
        "description": article.standfirst,
        "url": canonical,
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "datePublished": w3c_datetime(article.published_at),
        "dateModified": w3c_datetime(modified_at),
        **_credit(article),
        "publisher": _publisher(),
        "articleSection": article.section.name,
        "inLanguage": article.language,
        "keywords": [tag.name for tag in filing.tags],
    }
    if article.dateline:
        data["dateline"] = article.dateline
    # A story without a picture of its own is shown (on cards, by crawlers) with the default
    # share picture, as its share card is; `image` is never left out.
    data["image"] = image_crops(article.lead_image) or [default_share_image_url()]
    places = [
        {"@type": "Place", "name": region.name, "url": absolute_url(region.get_absolute_url())}
        | ({"sameAs": region.geonames_uri} if region.geonames_uri else {})
        for region in filing.regions
    ]
    if places:
        data["contentLocation"] = places
    citations = [
        {"@type": "Person" if source.is_person else "Organization", "name": source.name}
        | ({"url": source.homepage_url} if source.homepage_url else {})
        for source in filing.sources
    ]
    if citations:
        data["citation"] = citations
    corrections = [
        {
            "@type": "CorrectionComment",
            "text": f"{correction.get_kind_display()}: {correction.text}",
            "datePublished": w3c_datetime(correction.created_at),
        }
        for correction in article.corrections.all()
    ]
    if corrections:
        data["correction"] = corrections
    return data


def breadcrumbs(article: Article) -> dict:
    """schema.org BreadcrumbList: home › section › story (the last crumb names the page)."""
    return breadcrumb_list(
        [
            home_crumb(),
            (article.section.name, absolute_url(article.section.get_absolute_url())),
            (article.headline, None),
        ]
    )


# schema.org EventStatusType for the planning desk's statuses (a planned, unconfirmed event is
# never public).
_EVENT_STATUS = {
    "confirmed": "https://schema.org/EventScheduled",
    "postponed": "https://schema.org/EventPostponed",
    "cancelled": "https://schema.org/EventCancelled",
}


def _party(source) -> dict:
    kind = "Person" if source.kind == "person" else "Organization"
    party = {"@type": kind, "name": source.name}
    if source.homepage_url:
        party["url"] = source.homepage_url
    return party


def event(event, url: str) -> dict:
    """schema.org Event for a public event's page (Google's "Event" structured data: name,
    startDate with its time zone or a date, location, eventStatus; organiser and performers
    from the organisers and participants). `start` is the occurrence the page is about."""
    start = timezone.localtime(event.starts_at)
    timed = event.precision == "time"
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": url,
        "startDate": start.isoformat() if timed else f"{start:%Y-%m-%d}",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "eventStatus": _EVENT_STATUS.get(event.status, "https://schema.org/EventScheduled"),
        "location": {
            "@type": "Place",
            "name": event.venue or (event.region.name if event.region_id else settings.SITE_NAME),
            "address": event.region.name if event.region_id else event.venue,
        },
    }
    if event.ends_at:
        end = timezone.localtime(event.ends_at)
        data["endDate"] = end.isoformat() if timed else f"{end:%Y-%m-%d}"
    if event.description:
        data["description"] = event.description
    organisers = list(event.organisers.all())
    if organisers:
        data["organizer"] = [_party(source) for source in organisers]
    performers = list(event.participants.all())
    if performers:
        data["performer"] = [_party(source) for source in performers]
    return data
