"""Newsroom settings: one module, driven by the environment (django-environ).

Every variable is documented in `.env.example`. Production is the default: with DEBUG unset
the site runs in production mode and refuses to start without a secret key and allowed hosts.
Development values come from a file only when NEWSROOM_ENV_FILE names one: the Makefile
names `.env` (copied from `.env.example`) for local runs. The test suite sets its own
environment (`tests/environment.py`).
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# Read only when named: a deploy that forgets DEBUG must not pick up the development `.env`
# that `make` leaves next to manage.py. Real environment variables win over the file
# (read_env only fills in what is missing).
env_file = env.str("NEWSROOM_ENV_FILE", default="")
if env_file:
    if not Path(env_file).is_file():
        raise ImproperlyConfigured(f"NEWSROOM_ENV_FILE names {env_file}, which is not a file.")
    environ.Env.read_env(env_file)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment; for local work run through "
            "make (which reads .env) or set DEBUG=true."
        )
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is not set, e.g. ALLOWED_HOSTS=news.example.org")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

SITE_NAME = env.str("SITE_NAME", default="The Newsroom")
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
SITE_LANGUAGE = env.str("SITE_LANGUAGE", default="en")
# OpenGraph's og:locale (language_TERRITORY) and the X (Twitter) account named on every card
# (twitter:site, e.g. "@newsroom"; none when empty).
SITE_LOCALE = env.str("SITE_LOCALE", default="en_US")
TWITTER_SITE = env.str("TWITTER_SITE", default="")
# The picture social cards show for a page without one of its own: a static path or a complete
# URL of a 1200×630 JPEG or PNG (default: the committed static/img/share.png).
SHARE_IMAGE_URL = env.str("SHARE_IMAGE_URL", default="img/share.png")
# The authority of the feeds' tag: URIs (RFC 4151): a domain the publication owns, fixed once,
# so story GUIDs stay the same when SITE_URL's host changes. Default: SITE_URL's host.
FEED_ID_AUTHORITY = env.str(
    "FEED_ID_AUTHORITY", default=SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "taggit",
    "django_prose_editor",
    "reversion",
    "django_tasks_db",
    "anymail",
    # Second factors for staff (docs/operations/staff-sign-in.md): authenticator apps (TOTP)
    # and recovery codes ("static" tokens).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Passkeys and security keys (WebAuthn) as a second factor, on the same device model.
    "django_otp_webauthn",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside everything that reads or writes a body: brotli or gzip for what the page cache
    # has not stored compressed (the 404 page, the API, the staff's screens).
    "articles.caching.compression.CompressionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session passed a second factor; then staff who
    # need one and have not passed it reach only the second-factor screens, and a signed-in
    # session is kept alive while used (its idle expiry starts over).
    "django_otp.middleware.OTPMiddleware",
    "articles.admin.second_factor.StaffSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # A database that does not answer gives readers the static 503 page (newsroom/outages.py).
    "newsroom.outages.DatabaseOutageMiddleware",
    # Outside the redirect fallback, so a path holding NUL never reaches the database; after
    # the security middleware, so its 404 carries the same headers as any other page.
    "newsroom.middleware.NulPathMiddleware",
    # Outside the page cache, so it sees the final 404 and only then looks up old addresses.
    "articles.public.middleware.RedirectFallbackMiddleware",
    # Innermost: a cached page skips only the view; every header the middleware above adds
    # (security, CSP with a fresh nonce, frame options) is still set per request.
    "articles.caching.pages.PageCacheMiddleware",
]

# Whole public pages for anonymous readers, invalidated exactly (articles/caching/pages.py).
PAGE_CACHE = env.bool("PAGE_CACHE", default=True)
# Navigation, story and front-page fragments rendered once per public change (the same edition
# as the page cache), for the requests the page cache does not answer.
FRAGMENT_CACHE = env.bool("FRAGMENT_CACHE", default=True)
# Optional: a URL that receives {"paths": [...], "everything": bool} after each public change.
CDN_PURGE_URL = env.str("CDN_PURGE_URL", default="")
# A CDN that purges by key (docs/operations/caching.md, "A CDN in front"): the header naming a
# page's keys ("xkey" for Varnish, "Surrogate-Key" for Fastly, "Cache-Tag" for Cloudflare), its
# size limit, the purge adapter ("varnish", "fastly", "cloudflare"), where purges go (Varnish
# addresses; for Fastly/Cloudflare their API's base, by default the public one), the Fastly
# service or Cloudflare zone, the API token, and how long the CDN may keep a page.
CDN_KEYS_HEADER = env.str("CDN_KEYS_HEADER", default="")
CDN_KEYS_MAX_BYTES = env.int("CDN_KEYS_MAX_BYTES", default=8000)
CDN_PURGE = env.str("CDN_PURGE", default="")
CDN_PURGE_ENDPOINTS = env.list("CDN_PURGE_ENDPOINTS", default=[])
CDN_SERVICE = env.str("CDN_SERVICE", default="")
CDN_API_TOKEN = env.str("CDN_API_TOKEN", default="")
CDN_MAX_AGE = env.int("CDN_MAX_AGE", default=24 * 60 * 60)
# How often readers' open live pages ask for new entries, in seconds; 0 stops polling on every
# open page at its next poll (the kill switch, docs/operations/live-coverage.md).
LIVE_POLL_SECONDS = env.int("LIVE_POLL_SECONDS", default=10)
# Partners following a live story get it again at most this often, in seconds (its entries
# coalesced, articles/syndication/live_push.py).
LIVE_PUSH_SECONDS = env.int("LIVE_PUSH_SECONDS", default=60)

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "articles.public.context_processors.site",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work during a write; IMMEDIATE takes the write lock at BEGIN so two
    # writers queue on the timeout instead of failing with "database is locked" mid-transaction.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
# Keep connections between requests: opening one (and, on SQLite, running the PRAGMAs above)
# costs more than most pages' queries. Health checks replace a connection that died meanwhile.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
# Every wait on PostgreSQL is bounded, so a database that accepts connections but never answers
# costs a reader seconds and a 503 page (newsroom/outages.py), not a worker held until the app
# server kills it: connect_timeout for a new connection (libpq's minimum is 2 s), and a
# server-side statement_timeout for a statement. 0 turns either off (e.g. for a long migration).
DATABASE_CONNECT_TIMEOUT = env.int("DATABASE_CONNECT_TIMEOUT", default=3)
DATABASE_STATEMENT_TIMEOUT = env.int("DATABASE_STATEMENT_TIMEOUT", default=10)
for database in DATABASES.values():
    if database["ENGINE"] == "django.db.backends.postgresql":
        options = database.setdefault("OPTIONS", {})
        options.setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)
        if DATABASE_STATEMENT_TIMEOUT:
            milliseconds = DATABASE_STATEMENT_TIMEOUT * 1000
            options.setdefault("options", f"-c statement_timeout={milliseconds}")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if env.str("CACHE_URL", default=""):
    CACHES = {"default": env.cache("CACHE_URL")}
elif env.str("REDIS_URL", default=""):
    CACHES = {"default": env.cache("REDIS_URL")}
else:
    # Room for the pages readers actually request (Django's default keeps only 300 entries).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # A Redis outage must cost milliseconds, not take the site down: short socket timeouts,
    # and a pause after a failure before Redis is tried again (newsroom/cache.py).
    CACHES["default"]["BACKEND"] = "newsroom.cache.ResilientRedisCache"
    cache_options = CACHES["default"].setdefault("OPTIONS", {})
    cache_options.setdefault(
        "socket_connect_timeout", env.float("REDIS_CONNECT_TIMEOUT", default=0.25)
    )
    cache_options.setdefault("socket_timeout", env.float("REDIS_SOCKET_TIMEOUT", default=0.25))
    cache_options.setdefault("retry_after", env.float("REDIS_RETRY_AFTER", default=5))
# Whether every process sees one cache (Redis), so that a change's forgotten keys reach them all
# at once; with each process's own memory, cached pages also follow the edition
# (docs/operations/caching.md).
SHARED_CACHE = env.bool(
    "SHARED_CACHE",
    default=CACHES["default"]["BACKEND"] != "django.core.cache.backends.locmem.LocMemCache",
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Every account here is staff, and a staff password guards the masthead: 12 at least.
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = SITE_LANGUAGE
# Background work (image renditions, wire polling, syndication pushes) goes through Django's
# own task API onto a queue kept in the database (django-tasks-db): no broker to run, and a
# task is enqueued in the same transaction as the change that asked for it. `make run` starts
# the worker (`manage.py db_worker`) beside the dev server; production runs it as a service.
# TASKS_BACKEND=immediate runs tasks inline (one-off scripts; never on a busy site).
TASKS_BACKEND = env.str("TASKS_BACKEND", default="database")
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django.tasks.backends.immediate.ImmediateBackend",
        }[TASKS_BACKEND],
    }
}

# Syndication (docs/api/push.md, "Settings"): the naming authority of our ninjs URIs
# (tag:<authority>:story:<id>, RFC 4151: a domain we own and a date, never the serving host),
# and how pushes to partners are sent and retried.
SYNDICATION_AUTHORITY = env.str("SYNDICATION_AUTHORITY", default="newsroom.example,2026")
SYNDICATION_TIMEOUT = env.float("SYNDICATION_TIMEOUT", default=10.0)
SYNDICATION_MAX_ATTEMPTS = env.int("SYNDICATION_MAX_ATTEMPTS", default=6)
SYNDICATION_RETRY_BASE = env.float("SYNDICATION_RETRY_BASE", default=30.0)

# Newsletters (docs/operations/newsletters.md): their own email connection, never Django's
# default one (staff notifications use that), so a newsletter's volume, service and limits never
# touch other mail. Any Django email backend: an anymail one for a service (Amazon SES, Postmark,
# Mailgun, Postal, Brevo, …; its keys in NEWSLETTER_ANYMAIL) or SMTP.
NEWSLETTER_EMAIL_BACKEND = env.str(
    "NEWSLETTER_EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "articles.newsletters.smtp.EmailBackend",
)
# Options for that backend's connection (SMTP: host, port, username, password, use_tls,
# use_ssl, timeout), e.g. {"host": "smtp.example.org", "port": 587, "use_tls": true}.
NEWSLETTER_EMAIL_OPTIONS = env.json("NEWSLETTER_EMAIL_OPTIONS", default={})
# anymail's own settings (the service's keys and WEBHOOK_SECRET), as JSON; the webhook secret
# ("user:password" in the webhook address) may also come alone.
ANYMAIL = env.json("NEWSLETTER_ANYMAIL", default={})
if env.str("NEWSLETTER_WEBHOOK_SECRET", default=""):
    ANYMAIL["WEBHOOK_SECRET"] = env.str("NEWSLETTER_WEBHOOK_SECRET")
# The sender of confirmation mails; issues come from their newsletter's own address.
NEWSLETTER_FROM_EMAIL = env.str("NEWSLETTER_FROM_EMAIL", default="")
# The header a proxy in front of the site puts the reader's address in (e.g. X-Forwarded-For),
# for the sign-up rate limit; empty: REMOTE_ADDR (no proxy).
NEWSLETTER_CLIENT_IP_HEADER = env.str("NEWSLETTER_CLIENT_IP_HEADER", default="")
# Mail domains refused at sign-up, beyond the disposable services articles/newsletters knows.
NEWSLETTER_BLOCKED_DOMAINS = env.list("NEWSLETTER_BLOCKED_DOMAINS", default=[])
# Where mailto: unsubscribes go (List-Unsubscribe); empty: the HTTPS link only. Its inbound mail
# reaches /newsletters/webhooks/<service>/inbound/ through the service's inbound routing.
NEWSLETTER_UNSUBSCRIBE_MAILBOX = env.str("NEWSLETTER_UNSUBSCRIBE_MAILBOX", default="")
# The service's limits: messages per batch task and per second (0: the service's default,
# articles/newsletters/services.py), and how failures of the whole service are retried.
NEWSLETTER_BATCH_SIZE = env.int("NEWSLETTER_BATCH_SIZE", default=0)
NEWSLETTER_RATE_PER_SECOND = env.float("NEWSLETTER_RATE_PER_SECOND", default=0)
NEWSLETTER_RETRY_BASE = env.float("NEWSLETTER_RETRY_BASE", default=60.0)
# How long past a batch's expected time its claim holds before the sender is taken to have
# stopped (a copy it was handing over is then "unconfirmed", the rest go to another sender).
NEWSLETTER_CLAIM_SECONDS = env.float("NEWSLETTER_CLAIM_SECONDS", default=120.0)
NEWSLETTER_MAX_SERVICE_FAILURES = env.int("NEWSLETTER_MAX_SERVICE_FAILURES", default=8)
# Email (the planning desk's notifications and digests): Django's mailers, the default one
# configured from EMAIL_URL (django-environ's form: smtp://user:password@host:587,
# smtp+tls://…, smtp+ssl://…, consolemail://, dummymail://). Development prints messages on the
# console; production sends through SMTP on localhost unless told otherwise. Other mailers
# (the newsletters') are added beside "default" under their own names.
EMAIL_URL = env.str("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
_email = env.email_url_config(EMAIL_URL)
_SMTP_OPTIONS = {
    "EMAIL_HOST": "host",
    "EMAIL_PORT": "port",
    "EMAIL_HOST_USER": "username",
    "EMAIL_HOST_PASSWORD": "password",
    "EMAIL_USE_TLS": "use_tls",
    "EMAIL_USE_SSL": "use_ssl",
}
MAILERS = {"default": {"BACKEND": _email["EMAIL_BACKEND"], "OPTIONS": {}}}
if _email["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend":
    MAILERS["default"]["OPTIONS"] = {
        option: _email[name] for name, option in _SMTP_OPTIONS.items() if _email.get(name)
    } | {"timeout": env.int("EMAIL_TIMEOUT", default=10)}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="newsroom@localhost")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

# Planning (docs/operations/planning.md): how long before a coverage is due its assignee is reminded,
# how long a desk's chat webhook may take to answer, and whether the read API names who is on
# a planned coverage (off: assignee identities stay inside the newsroom).
PLANNING_DUE_SOON_MINUTES = env.int("PLANNING_DUE_SOON_MINUTES", default=60)
PLANNING_WEBHOOK_TIMEOUT = env.float("PLANNING_WEBHOOK_TIMEOUT", default=5.0)
PLANNING_API_SHOWS_ASSIGNEES = env.bool("PLANNING_API_SHOWS_ASSIGNEES", default=False)

TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Uploaded originals are never served: on disk they live outside MEDIA_ROOT (readers get
# renditions only, see articles/images/renditions.py).
ORIGINALS_ROOT = env.path("ORIGINALS_ROOT", default=BASE_DIR / "originals")
# What an upload may be (articles/images/safety.py): checked before a picture is decoded.
IMAGE_UPLOAD_MAX_BYTES = env.int("IMAGE_UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
IMAGE_MAX_PIXELS = env.int("IMAGE_MAX_PIXELS", default=40_000_000)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "originals": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": ORIGINALS_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

LOGIN_URL = "admin:login"

# Staff sign-in (docs/operations/staff-sign-in.md). Failed sign-ins are counted per account and
# per address in the cache: the first few are free, then each starts a cool-down twice the last
# (from SIGNIN_COOLDOWN_BASE seconds up to SIGNIN_COOLDOWN_MAX); counts are forgotten
# SIGNIN_WINDOW seconds after the last failure. Never a permanent lockout.
SIGNIN_FREE_FAILURES = env.int("SIGNIN_FREE_FAILURES", default=5)
SIGNIN_FREE_FAILURES_PER_ADDRESS = env.int("SIGNIN_FREE_FAILURES_PER_ADDRESS", default=20)
SIGNIN_COOLDOWN_BASE = env.float("SIGNIN_COOLDOWN_BASE", default=2.0)
SIGNIN_COOLDOWN_MAX = env.float("SIGNIN_COOLDOWN_MAX", default=15 * 60.0)
SIGNIN_WINDOW = env.int("SIGNIN_WINDOW", default=60 * 60)
# Staff sessions end after this many seconds without use (docs/operations/staff-sign-in.md):
# Django's own session expiry, renewed every few minutes while the session is used.
STAFF_SESSION_IDLE = env.int("STAFF_SESSION_IDLE", default=12 * 60 * 60)
SESSION_COOKIE_AGE = STAFF_SESSION_IDLE
# Whether editors and superusers must pass a second factor (an authenticator app's code or a
# recovery code) after their password. On in production; optional in development.
STAFF_REQUIRE_2FA = env.bool("STAFF_REQUIRE_2FA", default=not DEBUG)
# Sensitive steps (changing roles or accounts, partners' signing secrets, raising the
# breaking-news banner) ask for the second factor (or the password) again when the session's
# last check is older than this many seconds; 0: never ask again.
STAFF_REAUTH_SECONDS = env.int("STAFF_REAUTH_SECONDS", default=5 * 60)
# Single sign-on through the newsroom's identity provider (OpenID Connect: Google Workspace,
# Microsoft Entra ID, Okta, Keycloak, …; docs/operations/staff-sign-in.md). Off while
# SSO_DISCOVERY_URL is empty; it must be https (plain http only on loopback, for tests).
SSO_DISCOVERY_URL = env.str("SSO_DISCOVERY_URL", default="")
if SSO_DISCOVERY_URL and not (
    SSO_DISCOVERY_URL.startswith("https://")
    or SSO_DISCOVERY_URL.startswith(("http://localhost:", "http://127.0.0.1:"))
):
    raise ImproperlyConfigured("SSO_DISCOVERY_URL must be an https:// address.")
SSO_CLIENT_ID = env.str("SSO_CLIENT_ID", default="")
SSO_CLIENT_SECRET = env.str("SSO_CLIENT_SECRET", default="")
# What the button says: "Sign in with <SSO_NAME>".
SSO_NAME = env.str("SSO_NAME", default="your organisation's account")
# The ID token claim listing the person's groups, and which groups are which newsroom role
# (a role name from articles/staff/roles.py, or "superuser"), as JSON.
SSO_GROUPS_CLAIM = env.str("SSO_GROUPS_CLAIM", default="groups")
SSO_GROUP_ROLES = env.json("SSO_GROUP_ROLES", default={})
# Staff sign in only through the provider (superusers keep their password: the way in when
# the provider is down).
SSO_ONLY = env.bool("SSO_ONLY", default=False)
# The provider asks for a second factor itself, so a sign-in through it owes none here.
SSO_CHECKS_SECOND_FACTOR = env.bool("SSO_CHECKS_SECOND_FACTOR", default=True)
# The name authenticator apps show beside the account.
OTP_TOTP_ISSUER = SITE_NAME
# Passkeys (WebAuthn): bound to the site's domain (the relying party), and answered only from
# its own origin. WebAuthn needs a name, not an IP address, and https (or http://localhost):
# a development server on 127.0.0.1 offers passkeys at http://localhost:8000.
_site_address = urlsplit(SITE_URL)
_site_is_ip = (_site_address.hostname or "").replace(".", "").isdigit()
OTP_WEBAUTHN_RP_ID = env.str(
    "WEBAUTHN_RP_ID",
    default="localhost" if _site_is_ip else (_site_address.hostname or "localhost"),
)
OTP_WEBAUTHN_RP_NAME = SITE_NAME
OTP_WEBAUTHN_ALLOWED_ORIGINS = env.list(
    "WEBAUTHN_ORIGINS",
    default=[f"{_site_address.scheme}://{_site_address.netloc}"]
    if _site_address.scheme == "https" or _site_address.hostname == "localhost"
    else [f"http://localhost:{_site_address.port or 8000}"],
)
# A passkey is a second factor after the password here, never a way in on its own.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
# Code guesses are slowed by the sign-in throttle above (one rule, one home), not per device.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
# The header a proxy in front of the site puts the client's address in (e.g. X-Forwarded-For),
# for sign-in limits and records; empty: REMOTE_ADDR (no proxy).
CLIENT_IP_HEADER = env.str("CLIENT_IP_HEADER", default=NEWSLETTER_CLIENT_IP_HEADER)

# Tags are one vocabulary regardless of case: "Ukraine" and "ukraine" are the same tag.
TAGGIT_CASE_INSENSITIVE = True
# Tag names typed in forms are checked and normalized (empty, overlong, control characters).
TAGGIT_TAGS_FROM_STRING = "articles.models.names.parse_tag_string"

# Public pages hold no inline scripts; the admin's rich-text editor needs inline styles.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "script-src": [CSP.SELF, CSP.NONCE],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

if not DEBUG:
    # Production behind TLS (a proxy that terminates HTTPS sets X-Forwarded-Proto).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's defaults give the "django" logger a console handler of its own (in DEBUG),
        # and its records reach the root's console too: every line printed twice. The root
        # prints them once. (runserver's request lines keep their own "django.server" handler,
        # which does not pass them on.)
        "django": {"handlers": []},
        "django.db.backends": {"level": "INFO"},
    },
}

# --- Media on object storage (docs/development/decisions.md, "The scaling path") --------------
# MEDIA_STORAGE=s3 keeps uploads and their renditions in an S3-compatible bucket (AWS S3,
# Cloudflare R2, MinIO, …) instead of MEDIA_ROOT, so every app server sees the same files.
# MEDIA_URL is then the bucket's public address (or a CDN's in front of it): links to pictures
# are built from it by string formatting, so a listing of fifty cards asks the store nothing.
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="filesystem")
_media_address = env.url("MEDIA_URL", default=MEDIA_URL)
if MEDIA_STORAGE == "s3":
    if not env.str("AWS_STORAGE_BUCKET_NAME", default=""):
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME (the bucket).")
    if not (_media_address.scheme and _media_address.netloc):
        raise ImproperlyConfigured(
            "MEDIA_STORAGE=s3 needs MEDIA_URL to be the bucket's public address, e.g. "
            "https://newsroom-media.s3.eu-central-1.amazonaws.com/ (or a CDN's in front of it)."
        )
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),
            # Unset: AWS itself, the region's endpoint and boto3's own credentials (a role).
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env.str("AWS_S3_REGION_NAME", default=None),
            "access_key": env.str("AWS_ACCESS_KEY_ID", default=None),
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default=None),
            "addressing_style": env.str("AWS_S3_ADDRESSING_STYLE", default=None),
            # Public, unsigned and always the same address, so cached pages and feeds stay valid.
            "custom_domain": _media_address.netloc + _media_address.path.rstrip("/"),
            "url_protocol": f"{_media_address.scheme}:",
            "querystring_auth": False,
            # The bucket's policy decides who may read; many stores refuse per-object ACLs.
            "default_acl": None,
            # As on disk: a second "photo.jpg" gets a name of its own instead of replacing the
            # first story's picture (django-storages overwrites by default).
            "file_overwrite": False,
        },
    }
    # Originals in the same bucket under originals/: its policy lets anyone read
    # renditions/* only (docs/operations/several-machines.md).
    STORAGES["originals"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **STORAGES["default"]["OPTIONS"],
            "location": "originals",
            "custom_domain": None,
            "querystring_auth": True,
        },
    }
elif MEDIA_STORAGE != "filesystem":
    raise ImproperlyConfigured(f"MEDIA_STORAGE is filesystem or s3, not {MEDIA_STORAGE!r}.")
# Pictures served from another origin (a bucket, a CDN) must be allowed to load on our pages;
# a scheme-relative MEDIA_URL ("//cdn…") gives a source without a scheme, as CSP allows.
if _media_address.netloc:
    _media_scheme = f"{_media_address.scheme}://" if _media_address.scheme else ""
    SECURE_CSP["img-src"] = [*SECURE_CSP["img-src"], _media_scheme + _media_address.netloc]

# --- Read replica (docs/development/decisions.md, "The scaling path") -------------------------
# DATABASE_REPLICA_URL adds a read-only copy of the primary database: readers' public pages read
# from it, everything else uses the primary (newsroom/routers.py says which is which).
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    # The replica is connected to as the primary is (persistent connections, health checks).
    for _option in ("CONN_MAX_AGE", "CONN_HEALTH_CHECKS"):
        if _option in DATABASES["default"]:
            DATABASES["replica"].setdefault(_option, DATABASES["default"][_option])
    # Tests have no replication: there the replica alias reads the test database itself.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["newsroom.routers.ReplicaRouter"]
    MIDDLEWARE.append("newsroom.routers.ReplicaReadsMiddleware")
