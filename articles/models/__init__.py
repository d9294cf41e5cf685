"""The newsroom's data model, split by meaning and re-exported here."""

from .accounts import SignInAttempt, SignInOutcome, StaffIdentity, StaffSession
from .archive import ArchiveState
from .articles import STORIES_PER_SITEMAP_FILE, Article, ArticleQuerySet
from .banners import Banner, BannerLevel
from .budget import (
    STORY_KINDS,
    BudgetSection,
    Coverage,
    CoverageKind,
    CoverageStatus,
    LineState,
    PlanLine,
    PlanSlot,
    Priority,
)
from .corrections import Correction, CorrectionKind
from .credits import ArticleAuthor
from .desks import Author, Section
from .drafts import DraftInProgress, StoryPresence
from .fronts import Arrangement, Fill, Front, Slot, SlotKind
from .images import Image, ImageQuerySet
from .live import EntryState, LiveCorrection, LiveCoverage, LiveEntry, LiveEntryQuerySet
from .newsletters import (
    BlockKind,
    Cadence,
    Issue,
    IssueBlock,
    IssueStatus,
    LinkCount,
    Newsletter,
    Recipient,
    RecipientStatus,
    Subscription,
    Template,
)
from .places import Region, RegionAlias, RegionKind, RegionListing
from .planning import CALLED_OFF, DatePrecision, Desk, Event, EventStatus
from .planning_log import (
    CalendarFeed,
    Notification,
    NotificationKind,
    PlanningAction,
    PlanningAuditEntry,
)
from .publication import PublicationState, Status, public_condition
from .purges import CdnPurge
from .readers import (
    Consent,
    ConsentAction,
    Reader,
    ReaderStatus,
    Suppression,
    SuppressionReason,
)
from .redirects import Redirect
from .related import RelatedStory
from .sources import Source, SourceAlias, SourceKind, SourceMerge
from .syndication import Delivery, DeliveryEvent, DeliveryStatus, Subscriber
from .tags import CanonicalTagManager, Tag, TagAlias, TaggedArticle, TagMerge, TagPin
from .vocabulary import AlternativeNameKind
from .wire import AgencyStatus, WireFormat, WireProvider, WireStory
from .workflow import AuditAction, AuditEntry

__all__ = [
    "EntryState",
    "LiveCorrection",
    "LiveCoverage",
    "LiveEntry",
    "LiveEntryQuerySet",
    "SignInAttempt",
    "SignInOutcome",
    "StaffIdentity",
    "StaffSession",
    "CALLED_OFF",
    "STORY_KINDS",
    "BudgetSection",
    "CalendarFeed",
    "Coverage",
    "CoverageKind",
    "CoverageStatus",
    "DatePrecision",
    "Desk",
    "Event",
    "EventStatus",
    "LineState",
    "Notification",
    "NotificationKind",
    "PlanLine",
    "PlanSlot",
    "PlanningAction",
    "PlanningAuditEntry",
    "Priority",
    "STORIES_PER_SITEMAP_FILE",
    "ArchiveState",
    "AlternativeNameKind",
    "Arrangement",
    "Banner",
    "CdnPurge",
    "BlockKind",
    "Cadence",
    "Consent",
    "ConsentAction",
    "Issue",
    "IssueBlock",
    "IssueStatus",
    "LinkCount",
    "Newsletter",
    "Reader",
    "ReaderStatus",
    "Recipient",
    "RecipientStatus",
    "Subscription",
    "Suppression",
    "SuppressionReason",
    "Template",
    "BannerLevel",
    "Fill",
    "Front",
    "Slot",
    "SlotKind",
    "PublicationState",
    "public_condition",
    "Article",
    "ArticleAuthor",
    "ArticleQuerySet",
    "AuditAction",
    "AuditEntry",
    "Author",
    "Correction",
    "CorrectionKind",
    "Delivery",
    "DeliveryEvent",
    "DeliveryStatus",
    "DraftInProgress",
    "Image",
    "ImageQuerySet",
    "Redirect",
    "Region",
    "RegionAlias",
    "RegionKind",
    "RegionListing",
    "RelatedStory",
    "Section",
    "Source",
    "SourceAlias",
    "SourceKind",
    "SourceMerge",
    "Status",
    "StoryPresence",
    "Subscriber",
    "CanonicalTagManager",
    "Tag",
    "TagAlias",
    "TagMerge",
    "TagPin",
    "TaggedArticle",
    "WireFormat",
    "AgencyStatus",
    "WireProvider",
    "WireStory",
]
