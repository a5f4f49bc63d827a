"""Newsroom settings, read from the environment.

Every variable is documented in README.md ("Configuration"). Defaults suit a laptop: SQLite in the
project folder, local-memory cache, plain HTTP. Production sets DEBUG=false, SECRET_KEY,
ALLOWED_HOSTS, HTTPS=true and usually DATABASE_URL and REDIS_URL.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from js_asset.js import static_lazy

from embeds import prose
from embeds.providers import PLAYER_ORIGINS
from newsroom import languages
from newsroom.database import read_only_options
from newsroom.languages import LANGUAGES  # noqa: F401  (also registers "ku")

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# The fallback key is for development and tests only: `check --deploy` flags it, and production
# must set SECRET_KEY.
SECRET_KEY = os.environ.get("SECRET_KEY") or "django-insecure-newsroom-development-key-not-for-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    # Per-language columns of names, bios, roles, captions (docs/CONTENT-MODEL.md); before the admin.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "taggit",
    "django_filters",
    "django_prose_editor",
    "csp",
    "axes",
    # Staff sign-in's second factor: apps (TOTP), recovery codes, passkeys (accounts/, docs/ACCOUNTS.md).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "django_tasks",
    "django_tasks_db",
    # The project's own apps, lower layers first (docs/ARCHITECTURE.md).
    "jobs",
    "accounts",
    "backups",
    "security",
    "inbox",
    "images",
    "people",
    "articles",
    "fronts",
    # The body editor's pictures, embeds (oEmbed), pull quotes, notes and word count (docs/EDITOR.md).
    "embeds",
    # Quotes by person: found on import, confirmed by reporters, listed on person pages (docs/QUOTES.md).
    "quotes",
    # Readings counted without cookies and the "Most read" lists (docs/READERSHIP.md).
    "readership",
    "public",
    "desk",
    "translations",
    "live",
    "copydesk",
    "checklist",
    "register_review",
    # Draft copies kept while typing, and who else has a story open (docs/DRAFTS.md).
    "drafts",
    "presence",
    # The wire: the ninjs content API, subscribers, webhooks, partner copy taken in (docs/SYNDICATION.md).
    "wire",
    "planning",
    "seed",
    "newsroom",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files answered at once, before any middleware that does not concern them (docs/PERFORMANCE.md).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # With read replicas: a reader's request reads from one of them (newsroom/routers.py).
    "newsroom.middleware.ReplicaReadsMiddleware",
    # Kept public pages, answered before the rest runs, with the headers of the middleware below
    # (the Content-Security-Policy included) kept with them (docs/PERFORMANCE.md).
    "newsroom.middleware.PageCacheMiddleware",
    # Content-Security-Policy and Permissions-Policy on every response (docs/SECURITY.md).
    "newsroom.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A database that is down or drops the connection: a friendly 503, never a traceback.
    "newsroom.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): has this session used its second factor (django-otp)?
    "django_otp.middleware.OTPMiddleware",
    # Admin and "My account" pages: the staff member's admin language; the second factor when due.
    "accounts.middleware.StaffMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Login throttling; last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

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
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
            ],
        },
    },
]

# Database: DATABASE_URL, e.g. postgres://user:pass@host:5432/name; default SQLite in the project.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once (the dev server, cron, tests with threads): asked
    # for on each new connection by newsroom.database, which leaves a read-only file as it is.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    # Connections are kept (CONN_MAX_AGE) here too: opening one and setting WAL again on every
    # request made a page from the page cache ten times slower (docs/PERFORMANCE.md).
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No parallel query for the site's own connections: its queries are short, and starting
    # parallel workers for one (a few ms each) costs more than it saves on a small server
    # (docs/PERFORMANCE.md). PG_PARALLEL_WORKERS=2 gives PostgreSQL back the choice.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault(
        "options", f"-c max_parallel_workers_per_gather={int(os.environ.get('PG_PARALLEL_WORKERS', '0'))}"
    )
# Read replicas (PostgreSQL streaming replicas), comma-separated URLs: readers without a session read
# from them, staff and writes use the primary (newsroom/routers.py, docs/DEPLOY.md).
DATABASE_REPLICAS = []
for _number, _url in enumerate(env_list("DATABASE_REPLICA_URLS", ""), start=1):
    _alias = f"replica{_number}"
    DATABASES[_alias] = dj_database_url.parse(
        _url, conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")), conn_health_checks=True
    )
    DATABASES[_alias]["OPTIONS"] = dict(DATABASES["default"].get("OPTIONS", {}))
    DATABASES[_alias]["TEST"] = {"MIRROR": "default"}
    DATABASE_REPLICAS.append(_alias)
if DATABASE_REPLICAS:
    DATABASE_ROUTERS = ["newsroom.routers.PrimaryReplicaRouter"]
# DATABASE_READ_ONLY=true: the database refuses every write (a replica, maintenance, an incident):
# readers get pages, writes get the 503 page (newsroom/database.py).
DATABASE_READ_ONLY = env_bool("DATABASE_READ_ONLY", False)
if DATABASE_READ_ONLY:
    DATABASES["default"] = read_only_options(DATABASES["default"])
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory by default; REDIS_URL (redis://127.0.0.1:6379/0) switches to Redis.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # Sessions in Redis too (kept in the database as well, so a Redis restart signs nobody out).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "newsroom",
        }
    }

# Background tasks (Django's tasks interface, django-tasks; jobs/services.py, docs/DEPLOY.md):
# TASKS_BACKEND=database (default: a table, `manage.py run_worker`), rq (Redis, for scale-out:
# `manage.py rqworker --job-class django_tasks_rq.Job --with-scheduler` plus `run_worker
# --clock-only`), or immediate (in the process, after commit: tests and one-off scripts).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database")
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(_TASK_BACKENDS)}, not {TASKS_BACKEND!r}")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND], "QUEUES": ["default"]}}
# A worker says it is alive every JOBS_HEARTBEAT_SECONDS; one silent for JOBS_STALE_AFTER_SECONDS is
# taken for dead and its running tasks go to another worker.
JOBS_HEARTBEAT_SECONDS = float(os.environ.get("JOBS_HEARTBEAT_SECONDS", "5"))
JOBS_STALE_AFTER_SECONDS = float(os.environ.get("JOBS_STALE_AFTER_SECONDS", "60"))
if TASKS_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq"]
    RQ_QUEUES = {"default": {"URL": os.environ.get("RQ_REDIS_URL") or REDIS_URL or "redis://127.0.0.1:6379/0"}}

# Staff accounts guard unpublished stories and sources: long passwords (a passphrase), not the
# 20,000 most common ones, not all digits, not close to the user's own name or e-mail.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failed logins for one username, or from
# one address, further attempts are refused for AXES_COOLOFF_MINUTES (answer 429, page
# newsroom/throttle.py). `python manage.py axes_reset` (or axes_reset_username NAME)
# lifts a lockout early. Attempts are kept in the database (admin: "Axes").
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Where signing in ends when the page asked for (next=) is missing or refused as unsafe: the admin
# (Django's default, /accounts/profile/, does not exist here).
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "newsroom.throttle.lockout_response"
AXES_CLIENT_IP_CALLABLE = "newsroom.throttle.client_ip"
AXES_VERBOSE = False

# Second factor for staff (accounts/, docs/ACCOUNTS.md): required for editors and superusers.
OTP_TOTP_ISSUER = os.environ.get("SITE_NAME", "Newsroom")
OTP_TOTP_THROTTLE_FACTOR = 1  # after each wrong code the next waits 1, 2, 4, 8 … seconds
OTP_STATIC_THROTTLE_FACTOR = 1
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # superusers can remove a device, never read its secret
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False  # a passkey is the second step, after the password
OTP_WEBAUTHN_HELPER_CLASS = "accounts.passkeys.PasskeyHelper"
OTP_WEBAUTHN_RP_ID_CALLABLE = "accounts.passkeys.relying_party_id"
OTP_WEBAUTHN_RP_NAME_CALLABLE = "accounts.passkeys.relying_party_name"

# Internationalisation
LANGUAGE_CODE = "en"
# Ours first; then Django's own admin words in Kurmanji, which Django does not ship (docs/TRANSLATION.md).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "django"]
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
# Names, bios, roles, captions and tags have a column per edition (django-modeltranslation,
# docs/CONTENT-MODEL.md). A missing one falls back to the first language that has it, English first;
# the templates mark such a fallback with its own lang and dir (newsroom.translated).
MODELTRANSLATION_LANGUAGES = tuple(languages.codes())
MODELTRANSLATION_DEFAULT_LANGUAGE = languages.DEFAULT
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": tuple(languages.codes())}
# A name given without a language (a factory, a script) is also the default language's.
MODELTRANSLATION_AUTO_POPULATE = "default"
# Slugs are made from the source language's name, whatever language the admin speaks.
MODELTRANSLATION_PREPOPULATE_LANGUAGE = languages.DEFAULT
# Date formats and month names per edition (newsroom/formats/, docs/FRONTEND.md).
FORMAT_MODULE_PATH = ["newsroom.formats"]
USE_TZ = True

# Static and media files. WhiteNoise serves static files (compressed, with far-future headers
# once collected); media goes through Django's storage API so object storage is a settings change.
STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Static files get hashed names and far-future, immutable caching once `collectstatic` has written
# the manifest (production, the benchmark; newsroom/static.py); before it (development, tests)
# WhiteNoise serves them under their plain names straight from the source folders.
_COLLECTED = (STATIC_ROOT / "staticfiles.json").exists()
# Media storage: the local disk by default; MEDIA_STORAGE_BACKEND=storages.backends.s3.S3Storage (django-storages,
# in requirements.txt) and the S3_* variables put uploads and image renditions in
# S3-compatible object storage instead (docs/IMAGES.md).
MEDIA_STORAGE_BACKEND = os.environ.get("MEDIA_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage")
_S3_OPTIONS = {
    "bucket_name": os.environ.get("S3_BUCKET", ""),
    "endpoint_url": os.environ.get("S3_ENDPOINT_URL", ""),
    "region_name": os.environ.get("S3_REGION", ""),
    "access_key": os.environ.get("S3_ACCESS_KEY_ID", ""),
    "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY", ""),
    "custom_domain": os.environ.get("S3_CUSTOM_DOMAIN", ""),
    "location": os.environ.get("S3_LOCATION", ""),
}
MEDIA_STORAGE_OPTIONS = (
    {
        **{key: value for key, value in _S3_OPTIONS.items() if value},
        # Library files are public and never overwritten: plain URLs, cached for a year.
        "querystring_auth": env_bool("S3_QUERYSTRING_AUTH", False),
        "file_overwrite": False,
        "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
    }
    if "s3" in MEDIA_STORAGE_BACKEND.lower()
    else {}
)
STORAGES = {
    "default": {"BACKEND": MEDIA_STORAGE_BACKEND, "OPTIONS": MEDIA_STORAGE_OPTIONS},
    "staticfiles": {"BACKEND": "newsroom.static.StaticStorage"},
}
WHITENOISE_USE_FINDERS = not _COLLECTED
WHITENOISE_MANIFEST_STRICT = False

# HTTPS: one switch for production behind TLS (redirects, secure cookies, HSTS).
HTTPS = env_bool("HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", HTTPS)
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # no script reads the CSRF cookie: forms carry the token
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
# A staff session ends after SESSION_HOURS (default 12) or when the browser closes, whichever first.
SESSION_COOKIE_AGE = int(float(os.environ.get("SESSION_HOURS", "12")) * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
X_FRAME_OPTIONS = "DENY"

# The body editor (django-prose-editor) with the newsroom's own nodes: pictures from the library,
# embeds, pull quotes, editor's notes, the word count (embeds/prose.py, docs/EDITOR.md).
DJANGO_PROSE_EDITOR_EXTENSIONS = [{"js": [static_lazy("embeds/editor.js")], "extensions": prose.PROCESSORS}]
# Facebook's and Instagram's oEmbed need an app token ("APPID|CLIENTTOKEN"); without it their posts
# are embedded as a card that opens the post in a new tab.
OEMBED_META_TOKEN = os.environ.get("OEMBED_META_TOKEN", "")

# Content-Security-Policy (django-csp, built in newsroom/headers.py). Public pages run no inline
# script and no inline style: only files from this site. The admin's policy differs only where
# django-prose-editor needs it (docs/SECURITY.md). CSP_MEDIA_ORIGINS lists other hosts pictures
# come from (a CDN or object storage); by default derived from MEDIA_URL and S3_CUSTOM_DOMAIN.
CSP_MEDIA_ORIGINS = env_list("CSP_MEDIA_ORIGINS", "")
if not CSP_MEDIA_ORIGINS:
    if MEDIA_URL.startswith(("http://", "https://")):
        CSP_MEDIA_ORIGINS = ["/".join(MEDIA_URL.split("/")[:3])]
    elif _S3_OPTIONS["custom_domain"]:
        CSP_MEDIA_ORIGINS = [f"https://{_S3_OPTIONS['custom_domain']}"]
    elif _S3_OPTIONS["endpoint_url"] and "s3" in MEDIA_STORAGE_BACKEND.lower():
        CSP_MEDIA_ORIGINS = ["/".join(_S3_OPTIONS["endpoint_url"].split("/")[:3])]
# The players an embedded video may load after the reader's click (embeds/providers.py); no other frame.
EMBED_PLAYER_ORIGINS = PLAYER_ORIGINS
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", *CSP_MEDIA_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        # A reader's click on an embedded video loads the provider's privacy-mode player, and only it.
        "frame-src": list(EMBED_PLAYER_ORIGINS),
        "frame-ancestors": ["'none'"],
        "upgrade-insecure-requests": HTTPS,
        # Violations are reported to security.views.csp_report (admin: Security › CSP reports). Only
        # report-uri: every browser sends it at once, while Chromium, given report-to as well, would
        # send only that, batched a minute later and never from a plain-HTTP laptop; the endpoint
        # reads both formats.
        "report-uri": ["/csp-report/"],
    }
}

# Per-address limits ("count/period") of the endpoints that cost the most (security/ratelimit.py),
# sized so that no reader ever meets them.
RATE_LIMITS = {
    "search": os.environ.get("RATE_LIMIT_SEARCH", "120/m"),
    "suggest": os.environ.get("RATE_LIMIT_SUGGEST", "600/m"),
    "csp-report": os.environ.get("RATE_LIMIT_CSP_REPORT", "60/m"),
    "read": os.environ.get("RATE_LIMIT_READ", "120/m"),
}

# The wire (docs/SYNDICATION.md): the terms every ninjs document carries, how long a webhook is
# retried before its delivery is marked failed, and the seconds a receiver has to answer.
WIRE_USAGE_TERMS = os.environ.get(
    "WIRE_USAGE_TERMS", "For the subscriber's own publications under its subscription agreement; no resale."
)
WIRE_RETRY_HOURS = float(os.environ.get("WIRE_RETRY_HOURS", "24"))
WIRE_WEBHOOK_TIMEOUT = float(os.environ.get("WIRE_WEBHOOK_TIMEOUT", "10"))

# E-mail: printed on the console unless an SMTP server is configured.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")

# The agency publishing the site (JSON-LD publisher, page titles, feeds).
SITE_NAME = os.environ.get("SITE_NAME", "Newsroom")
# SITE_URL: the public address in links, feeds, sitemaps and robots.txt. Unset, it follows the HOST
# and PORT that ./start.sh serves on (a host of all interfaces is reached as 127.0.0.1 here).
SERVE_HOST = os.environ.get("HOST", "") or "127.0.0.1"
SERVE_PORT = os.environ.get("PORT", "") or "8000"
_LINK_HOST = "127.0.0.1" if SERVE_HOST in ("0.0.0.0", "::", "[::]") else SERVE_HOST  # nosec B104 (a name, not a bind)
if ":" in _LINK_HOST and not _LINK_HOST.startswith("["):
    _LINK_HOST = f"[{_LINK_HOST}]"  # an IPv6 address in a URL
SITE_URL = (os.environ.get("SITE_URL") or f"http://{_LINK_HOST}:{SERVE_PORT}").rstrip("/")
# Passkeys are accepted from the public address when it is HTTPS (browsers offer them only there and
# on localhost), and from the address a request came in on (accounts.passkeys.PasskeyHelper).
_SITE_ORIGIN = "/".join(SITE_URL.split("/")[:3])
OTP_WEBAUTHN_ALLOWED_ORIGINS = [_SITE_ORIGIN if _SITE_ORIGIN.startswith("https://") else f"http://localhost:{SERVE_PORT}"]
# How long browsers and shared caches may keep a public page before revalidating it (docs/FRONTEND.md).
PUBLIC_CACHE_SECONDS = int(os.environ.get("PUBLIC_CACHE_SECONDS", "60"))
# How long the server keeps a rendered public page; a change retires the pages that show it at once,
# 0 turns the page cache off (public/caching.py, docs/PERFORMANCE.md).
# Live coverage (docs/LIVE.md): how often a reader's page asks for newer entries, and how long their
# browser may keep one answer (the edge and the page cache keep it until the next entry).
LIVE_POLL_SECONDS = int(os.environ.get("LIVE_POLL_SECONDS", "15"))
LIVE_POLL_BROWSER_SECONDS = int(os.environ.get("LIVE_POLL_BROWSER_SECONDS", "2"))
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# How long a part of a page that depends on one object (a story card, an article's content) is kept;
# a change retires the parts that show it at once, 0 builds every part every time (public/fragments.py).
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", "86400"))
# An article's related stories are chosen when its page is built, among the newest stories sharing
# its tags and people; publishing a new one does not retire every page that shares a tag with it (the
# edge would keep little). A new story joins older stories' related boxes when their content is
# built again: at the latest after RELATED_REFRESH_SECONDS (plus the page cache's and the edge's
# lifetimes). A related story changed or withdrawn retires the page at once (its card's key).
RELATED_REFRESH_SECONDS = int(os.environ.get("RELATED_REFRESH_SECONDS", "900"))
# The edge cache in front (Varnish, Fastly, Cloudflare: docs/DEPLOY.md): how long it may keep a page
# (Surrogate-Control; purged by surrogate key on every change, so this only bounds a lost purge) and
# serve it stale while fetching a new one.
EDGE_CACHE_SECONDS = int(os.environ.get("EDGE_CACHE_SECONDS", "3600"))
EDGE_STALE_SECONDS = int(os.environ.get("EDGE_STALE_SECONDS", "30"))
# Where purges go: empty (no edge), varnish, fastly or cloudflare (public/purge.py).
EDGE_PURGE_BACKEND = os.environ.get("EDGE_PURGE_BACKEND", "")
EDGE_VARNISH_URLS = env_list("EDGE_VARNISH_URLS", "")
# The process that commits a change purges the edge itself, if it can within this many seconds
# (replicas catching up included); otherwise, or with 0, the purge is left to a background task.
EDGE_PURGE_AT_ONCE_SECONDS = float(os.environ.get("EDGE_PURGE_AT_ONCE_SECONDS", "1"))
FASTLY_API_URL = os.environ.get("FASTLY_API_URL", "https://api.fastly.com")
FASTLY_SERVICE_ID = os.environ.get("FASTLY_SERVICE_ID", "")
FASTLY_API_TOKEN = os.environ.get("FASTLY_API_TOKEN", "")
CLOUDFLARE_API_URL = os.environ.get("CLOUDFLARE_API_URL", "https://api.cloudflare.com/client/v4")
CLOUDFLARE_ZONE_ID = os.environ.get("CLOUDFLARE_ZONE_ID", "")
CLOUDFLARE_API_TOKEN = os.environ.get("CLOUDFLARE_API_TOKEN", "")

TAGGIT_CASE_INSENSITIVE = True

# Backups (backups/, docs/BACKUPS.md): where the scheduled task writes them and how many it keeps.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", BASE_DIR / "backups-data"))
BACKUP_KEEP = int(os.environ.get("BACKUP_KEEP", "7"))
# The worker takes one every BACKUP_EVERY_HOURS (0: never; cron or an operator then runs `manage.py backup`).
BACKUP_EVERY_HOURS = float(os.environ.get("BACKUP_EVERY_HOURS", "24"))

# Image uploads (images.safety): larger files or pictures are refused with a clear message.
IMAGES_MAX_UPLOAD_BYTES = int(float(os.environ.get("IMAGES_MAX_UPLOAD_MB", "30")) * 1024 * 1024)
IMAGES_MAX_PIXELS = int(float(os.environ.get("IMAGES_MAX_MEGAPIXELS", "60")) * 1_000_000)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
