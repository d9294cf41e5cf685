"""Newsroom roles: the staff groups and what each may do in the admin.

`ROLES` is plain data (group name -> "app_label.codename" strings) so that the data migration
that creates the groups can import it without importing any model code. Changing a list here
changes what a *new* database gets; an existing one needs a new data migration that applies
`ROLES` again (the apply step is idempotent).

Who may publish is decided here too, by `can_publish()`, and nowhere else; likewise who may
arrange the fronts (`can_arrange_fronts()`), run the newsletters (`can_send_newsletters()`),
raise or lower the breaking-news banner (`can_raise_banners()`), plan the budget (`can_plan()`)
and be assigned coverage (`may_be_assigned()`).
"""

# A custom permission created by migration 0002 (the Article model's Meta stays untouched).
PUBLISH_PERMISSION = "articles.publish_article"
# Arranging a front (publishing or scheduling an arrangement, calling one off) is changing it.
ARRANGE_FRONTS_PERMISSION = "articles.change_front"
# Raising a banner, and lowering one early.
BANNER_PERMISSION = "articles.add_banner"

# Planning: events, plan lines, coverage and who is on it (a custom permission on PlanLine).
PLAN_PERMISSION = "articles.plan_budget"

EDITOR = "Editor"
REPORTER = "Reporter"
TAG_MANAGER = "Tag manager"

# Reporters need "view" on everything an article links to: the admin's autocomplete widgets
# refuse to search models the user cannot view.
_LOOKUPS_VIEW = (
    "articles.view_region",
    "articles.view_source",
    "articles.view_section",
    "articles.view_author",
    "articles.view_tag",
)

# Reporters and editors upload pictures, describe them and choose them for stories.
_IMAGES = ("articles.add_image", "articles.change_image", "articles.view_image")

# Editors run the newsletters (articles.newsletters).
SEND_NEWSLETTERS_PERMISSION = "articles.change_issue"
_NEWSLETTERS = (
    "articles.add_newsletter",
    "articles.change_newsletter",
    "articles.view_newsletter",
    "articles.add_issue",
    SEND_NEWSLETTERS_PERMISSION,
    "articles.view_issue",
    "articles.delete_issue",
    "articles.view_reader",
    "articles.change_reader",
    "articles.view_consent",
    "articles.add_suppression",
    "articles.change_suppression",
    "articles.view_suppression",
)

# Everyone on a desk reads the plan (reporters only their own and their desks' lines: the
# planning screens filter by `articles.planning.rules`).
_PLANNING_VIEW = (
    "articles.view_desk",
    "articles.view_event",
    "articles.view_planline",
    "articles.view_coverage",
)

ROLES = {
    EDITOR: (
        "articles.add_article",
        "articles.change_article",
        "articles.view_article",
        PUBLISH_PERMISSION,
        # Byline credits and pinned stories are rows of the article form: removing one is
        # part of editing a story, not deleting content.
        "articles.add_articleauthor",
        "articles.change_articleauthor",
        "articles.delete_articleauthor",
        "articles.view_articleauthor",
        "articles.add_relatedstory",
        "articles.change_relatedstory",
        "articles.delete_relatedstory",
        "articles.view_relatedstory",
        # Corrections are an append-only record: no delete.
        "articles.add_correction",
        "articles.change_correction",
        "articles.view_correction",
        "articles.add_region",
        "articles.change_region",
        "articles.view_region",
        "articles.add_regionalias",
        "articles.change_regionalias",
        "articles.delete_regionalias",
        "articles.view_regionalias",
        "articles.add_source",
        "articles.change_source",
        "articles.view_source",
        "articles.add_section",
        "articles.change_section",
        "articles.view_section",
        "articles.add_author",
        "articles.change_author",
        "articles.view_author",
        "articles.add_tag",
        "articles.change_tag",
        "articles.view_tag",
        # The home page's and the sections' fronts, and the breaking-news banner.
        "articles.add_front",
        ARRANGE_FRONTS_PERMISSION,
        "articles.view_front",
        BANNER_PERMISSION,
        "articles.view_banner",
        # The syndication delivery log; "change" is retrying dead letters by hand (deliveries
        # are never edited). Partners and their secrets are the superusers' business.
        "articles.view_delivery",
        "articles.change_delivery",
        # The image library: upload, describe and reuse pictures (deleting is a superuser's).
        *_IMAGES,
        # Newsletters: set them up, compose, test, schedule and send issues; look up a
        # reader (to export or erase on request), keep the suppression list. Consent records
        # and the send log are evidence: read only.
        *_NEWSLETTERS,
        # Planning: events (deleting one is refused while it has delivered coverage), the
        # budget and its coverage, the desks and their members.
        PLAN_PERMISSION,
        "articles.add_event",
        "articles.change_event",
        "articles.delete_event",
        "articles.add_planline",
        "articles.change_planline",
        "articles.delete_planline",
        "articles.add_coverage",
        "articles.change_coverage",
        "articles.delete_coverage",
        "articles.add_desk",
        "articles.change_desk",
        *_PLANNING_VIEW,
    ),
    REPORTER: (
        "articles.add_article",
        "articles.change_article",
        "articles.view_article",
        "articles.add_articleauthor",
        "articles.change_articleauthor",
        "articles.view_articleauthor",
        "articles.add_relatedstory",
        "articles.change_relatedstory",
        "articles.view_relatedstory",
        "articles.view_correction",
        *_LOOKUPS_VIEW,
        *_IMAGES,
        *_PLANNING_VIEW,
    ),
    TAG_MANAGER: (
        "articles.add_tag",
        "articles.change_tag",
        "articles.delete_tag",
        "articles.view_tag",
        "articles.add_taggedarticle",
        "articles.change_taggedarticle",
        "articles.delete_taggedarticle",
        "articles.view_taggedarticle",
    ),
}


def can_publish(user) -> bool:
    """Whether `user` may publish, schedule or withdraw stories (Editors and superusers)."""
    return user.has_perm(PUBLISH_PERMISSION)


def can_arrange_fronts(user) -> bool:
    """Whether `user` may publish, schedule and call off front arrangements (Editors and
    superusers)."""
    return user is not None and user.has_perm(ARRANGE_FRONTS_PERMISSION)


def can_send_newsletters(user) -> bool:
    """Whether `user` may compose, test-send, schedule and send newsletter issues, and keep
    readers and the suppression list (Editors and superusers)."""
    return user is not None and user.has_perm(SEND_NEWSLETTERS_PERMISSION)


def can_raise_banners(user) -> bool:
    """Whether `user` may raise the breaking-news banner and lower it early (Editors and
    superusers)."""
    return user is not None and user.has_perm(BANNER_PERMISSION)


def can_plan(user) -> bool:
    """Whether `user` may plan: events, plan lines, coverage and assignments (Editors and
    superusers)."""
    return user is not None and user.is_authenticated and user.has_perm(PLAN_PERMISSION)


def may_be_assigned(user) -> bool:
    """Whether coverage may be assigned to `user`: an active staff account."""
    return user is not None and user.is_active and user.is_staff
