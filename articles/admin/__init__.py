"""The newsroom admin: one module per part of the domain, registered on the default site."""

from django.conf import settings
from django.contrib import admin

from articles.admin import (
    accounts,
    banners,
    desks,
    fronts,
    images,
    newsletter_issues,
    newsletters,
    places,
    planning,
    purges,
    sources,
    syndication,
    tags,
    wire,
)
from articles.admin.article import screen

admin.site.site_header = "Newsroom administration"
admin.site.site_title = settings.SITE_NAME

__all__ = [
    "accounts",
    "screen",
    "banners",
    "desks",
    "fronts",
    "images",
    "newsletter_issues",
    "newsletters",
    "places",
    "planning",
    "purges",
    "sources",
    "syndication",
    "tags",
    "wire",
]
