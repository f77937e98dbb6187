"""Settings shared by every environment; safe for production by default.

All configuration comes from environment variables (see the table in README.md). With none set the
site runs on SQLite, Wagtail's database search backend, eager Celery tasks and console mail.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE

from portal.mailconfig import email_settings_from_url
from portal.searchconfig import search_backends_from_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[SITE_URL])
ADMIN_PATH = env("ADMIN_PATH", default="beheer").strip("/")

INSTALLED_APPS = [
    "portal",
    "home",
    "hulpmiddelen",
    "kaart",
    "nieuwsbrief",
    "inzendingen",
    "gemeenten",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail_modeladmin",
    "anymail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.forms",
]

# Order matters: the headers and the conditional GET wrap the page cache, so a cached page gets
# fresh security headers and an ETag; the cache sits before the session, which a cached hit skips.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # HTML pages gzipped for clients that accept it, also without a proxy that does (static files
    # are whitenoise's, compressed ahead): portal/compression.py. Outside the page cache, which
    # keeps the plain body.
    "portal.compression.PageGZipMiddleware",
    "portal.security.ContentSecurityPolicyMiddleware",
    "portal.security.SecurityHeadersMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "portal.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before any view reads the body (CSRF, forms), after what the refusal page needs.
    "portal.security.RequestBodyLimit",
    "django_otp.middleware.OTPMiddleware",
    "portal.two_factor.RequireVerifiedEditorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "portal.database.DatabaseBusyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
# Widgets render through TEMPLATES, so templates/wagtailadmin/widgets/ can add the CSP nonce.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Many writers at once on the embedded default: readers never wait for a writer (WAL), a
    # transaction takes the write lock when it starts (IMMEDIATE, so two of them never deadlock
    # upgrading a read lock) and a writer waits up to SQLITE_TIMEOUT seconds for it. A write that
    # still finds the database locked gets a page that asks to try again (portal/database.py).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": env.int("SQLITE_TIMEOUT", default=20),
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis cache, "empty" while Redis is down (portal/cache_backend.py).
            "BACKEND": "portal.cache_backend.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="portal"),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The kaart keeps its vocabulary and API cards per process, rebuilt when a token in the cache
# changes (kaart/versies.py); only safe when that cache is shared by every process (Redis).
KAART_VERSIES_GEDEELD = env.bool("KAART_VERSIES_GEDEELD", default=bool(REDIS_URL))

# The page cache (portal/cache.py): anonymous GETs, purged on publish. Needs a shared cache, so
# it is off unless Redis is configured.
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600 if REDIS_URL else 0)
PAGE_CACHE_BROWSER_SECONDS = env.int("PAGE_CACHE_BROWSER_SECONDS", default=60)
PAGE_CACHE_CONTENT_APPS = env.list(
    "PAGE_CACHE_CONTENT_APPS", default=["home", "hulpmiddelen", "kaart"]
)
# Models of other apps whose rows show on public pages (the consent text under every sign-up
# form, the newsletter archive); a subscriber signing up does not empty the cache.
PAGE_CACHE_CONTENT_MODELS = env.list(
    "PAGE_CACHE_CONTENT_MODELS",
    default=[
        "nieuwsbrief.consenttext",
        "nieuwsbrief.issue",
        "gemeenten.gemeentepagina",
        "gemeenten.gemeentepaginalink",
    ],
)
PAGE_CACHE_EXCLUDE = [f"/{ADMIN_PATH}/", "/django-admin/", "/health/", "/documenten/"]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Sign-in lockout (django-axes): after AXES_FAILURE_LIMIT failed attempts for one user name from one
# address, or from one address for any user names, that pair or address is locked out for
# AXES_COOLOFF_MINUTES. Never per user name alone: from many addresses anyone could lock an editor
# out.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.int("AXES_COOLOFF_MINUTES", default=30) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "portal/lockout.html"
AXES_CLIENT_IP_CALLABLE = "portal.security.client_ip"
AXES_VERBOSE = False
# Number of reverse proxies in front of the site whose X-Forwarded-For may be trusted.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Two-step sign-in for editors (portal/two_factor.py): optional, required for these groups (and
# then for superusers too); production requires it of moderators and administrators by default.
WAGTAILADMIN_USER_LOGIN_FORM = "portal.two_factor.LoginForm"
WAGTAIL_2FA_REQUIRED_GROUPS = env.list("WAGTAIL_2FA_REQUIRED_GROUPS", default=[])
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="Aanpak Eenzaamheid")
# "Wachtwoord vergeten" mails per hour per client address and per account (portal/password_reset.py)
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "portal.password_reset.PasswordResetForm"
PASSWORD_RESET_MAX_PER_ADDRESS_PER_HOUR = env.int(
    "PASSWORD_RESET_MAX_PER_ADDRESS_PER_HOUR", default=5
)
PASSWORD_RESET_MAX_PER_ACCOUNT_PER_HOUR = env.int(
    "PASSWORD_RESET_MAX_PER_ACCOUNT_PER_HOUR", default=3
)
# load_demo_content makes the development account beheer/beheer only where this is true (dev, test).
DEMO_DEV_USER_ALLOWED = False
# The admin shows no avatars from Gravatar and asks no outside server for news or updates.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "static_collected")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# MEDIA_STORAGE_BACKEND (a dotted path, e.g. storages.backends.s3.S3Storage once django-storages is
# installed) and MEDIA_STORAGE_OPTIONS (JSON) put uploads elsewhere than MEDIA_ROOT.
STORAGES = {
    "default": {
        "BACKEND": env(
            "MEDIA_STORAGE_BACKEND", default="django.core.files.storage.FileSystemStorage"
        ),
        "OPTIONS": env.json("MEDIA_STORAGE_OPTIONS", default={}),
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# The kaart's nightly open-data dump (kaart/opendata.py), served at /open-data/ by a view: a
# folder on this machine's disk, also with a remote MEDIA_STORAGE_BACKEND.
OPENDATA_MAP = Path(env("OPENDATA_MAP", default=str(MEDIA_ROOT / "opendata")))

# Mail: EMAIL_URL such as smtp://user:pass@host:587/?tls=True, or anymail+<esp>://?api_key=… for a
# django-anymail provider (portal/mailconfig.py); unset means the console.
EMAIL_CONFIG = email_settings_from_url(env("EMAIL_URL", default="consolemail://"))
vars().update(EMAIL_CONFIG)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Aanpak Eenzaamheid <noreply@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: no broker configured means every task runs in the request, at once (the embedded default).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, "socket_connect_timeout": 2}
CELERY_BEAT_SCHEDULE: dict = {}
# Without a broker, mails are sent by a background thread of the web process (portal/background.py),
# so no visitor waits on the mail server; `manage.py mails_versturen` (cron) sends what still waits.
BACKGROUND_THREAD = True
# The outboxes that `manage.py mails_versturen` empties: a label and the function that sends what
# waits there (the portal imports no app; each app owns its outbox).
MAIL_WACHTRIJEN = [
    ("Nieuwsbrief", "nieuwsbrief.tasks.send_everything_waiting"),
    ("Inzendingen", "inzendingen.tasks.verstuur_wachtende"),
]

# Wagtail's own background tasks (search index updates, reference index) go through Celery too.
TASKS = {"default": {"BACKEND": "portal.task_backend.CeleryTaskBackend"}}

# Search: SEARCH_URL selects the engine (portal/searchconfig.py); unset: the database backend.
SEARCH_URL = env("SEARCH_URL", default="")
SEARCH_INDEX_PREFIX = env("SEARCH_INDEX_PREFIX", default="portal_")
WAGTAILSEARCH_BACKENDS = search_backends_from_url(SEARCH_URL, SEARCH_INDEX_PREFIX)
# Index changes the engine missed (it or the broker was down) are done again every minute.
CELERY_BEAT_SCHEDULE.update(
    {
        "zoekindex-achterstand": {"task": "search.zoekindex_achterstand", "schedule": 60},
        # The open-data dump of the kaart, every night at 03:30 (kaart/opendata.py).
        "kaart-opendata": {
            "task": "kaart.opendata_bijwerken",
            "schedule": crontab(hour=3, minute=30),
            "options": {"expires": 6 * 3600},
        },
    }
)

WAGTAIL_SITE_NAME = "Aanpak Eenzaamheid"
WAGTAIL_I18N_ENABLED = False
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "docx", "xlsx", "ods", "pptx", "csv", "txt"]
# Every document is a download, never shown inline on the site's origin (portal/documents.py).
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []
# Also with a remote MEDIA_STORAGE_BACKEND: through that view, never a redirect to the storage.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {
            "features": ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]
        },
    }
}
WAGTAILSEARCH_HITS_MAX_AGE = 30
# The form fields of one request, files not counted (Django reads file contents separately): the
# admin's largest page form fits in it.
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# Inzendingen (inzendingen/): public forms, their moderation, retention and abuse limits.
# Uploads are kept outside MEDIA_ROOT, in a folder no web server may serve.
INZENDINGEN_BESTANDEN_MAP = Path(
    env("INZENDINGEN_BESTANDEN_MAP", default=str(BASE_DIR / "private" / "inzendingen"))
)
INZENDINGEN_MELDINGEN_AAN = env.list("INZENDINGEN_MELDINGEN_AAN", default=[])
INZENDINGEN_CONTACT_BEWAARTERMIJN_MAANDEN = env.int(
    "INZENDINGEN_CONTACT_BEWAARTERMIJN_MAANDEN", default=6
)
INZENDINGEN_AFGEWEZEN_BEWAARTERMIJN_DAGEN = env.int(
    "INZENDINGEN_AFGEWEZEN_BEWAARTERMIJN_DAGEN", default=30
)
INZENDINGEN_TERUGBELLEN_BEWAARTERMIJN_DAGEN = env.int(
    "INZENDINGEN_TERUGBELLEN_BEWAARTERMIJN_DAGEN", default=7
)
INZENDINGEN_MAX_PER_IP_PER_UUR = env.int("INZENDINGEN_MAX_PER_IP_PER_UUR", default=10)
INZENDINGEN_MAX_PER_EMAIL_PER_UUR = env.int("INZENDINGEN_MAX_PER_EMAIL_PER_UUR", default=5)
INZENDINGEN_REKENPUZZEL = env.bool("INZENDINGEN_REKENPUZZEL", default=True)
# Files with a public form: at most INZENDINGEN_MAX_BESTANDEN of INZENDINGEN_MAX_BESTAND_MB each;
# photos of at most INZENDINGEN_MAX_PIXELS (width × height, read from the header before decoding:
# decoding takes about 4 bytes per pixel, re-encoding as much again).
INZENDINGEN_MAX_BESTANDEN = 3
INZENDINGEN_MAX_BESTAND_MB = env.int("INZENDINGEN_MAX_BESTAND_MB", default=10)
INZENDINGEN_MAX_PIXELS = env.int("INZENDINGEN_MAX_PIXELS", default=16_000_000)
# The largest request body: a public form with all its files, plus 2 MB for the fields and the
# multipart framing (and never less than the fields alone may be). The proxy's limit
# (client_max_body_size in docs/deploy.md) is this number; portal.security.RequestBodyLimit
# refuses a larger body as well, before reading it, for when no proxy is in front.
MAX_REQUEST_BODY_MB = max(
    INZENDINGEN_MAX_BESTANDEN * INZENDINGEN_MAX_BESTAND_MB + 2,
    DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024),
)
CELERY_BEAT_SCHEDULE.update(
    {
        "inzendingen-mails": {"task": "inzendingen.verstuur_wachtende_mails", "schedule": 600},
        "inzendingen-opschonen": {"task": "inzendingen.opschonen", "schedule": 6 * 3600},
        # The verification cycle of the services (inzendingen.controle): what is due, hourly.
        "diensten-controleren": {"task": "inzendingen.diensten_controleren", "schedule": 3600},
    }
)

# Cookies and headers that are right everywhere; production.py tightens transport security.
# Only editors get cookies: an anonymous visitor reading, searching or filling in a public form gets
# none (public forms use portal.security.origin_protected instead of a CSRF cookie).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=12 * 60 * 60)
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), interest-cohort=(), browsing-topics=(), fullscreen=(self)"
)

# Content-Security-Policy (django-csp, portal/security.py): nothing inline, nothing evaluated; the
# few inline scripts of Wagtail's admin carry a per-response nonce. Video players are the only
# frames, loaded after a click (home/templatetags/portal_tags.py: video_embed_url).
video_player_origins = env.list(
    "VIDEO_PLAYER_ORIGINS", default=["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
)
# The sites that may show a gemeente's card in an iframe (/gemeenten/<slug>/insluiten/ only):
# "https://www.utrecht.nl,https://*.utrecht.nl"; every other page keeps frame-ancestors 'none'.
EMBED_FRAME_ANCESTORS = env.list("EMBED_FRAME_ANCESTORS", default=[])
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "frame-src": ["'self'", *video_player_origins],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "upgrade-insecure-requests": env.bool("CSP_UPGRADE_INSECURE_REQUESTS", default=False),
    }
}

# Logs go to standard output, without personal data (portal/logging.py); LOG_FORMAT=json writes one
# JSON object per line for a log collector.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "portal.logging.RedactPersonalData"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "portal.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env("LOG_FORMAT", default="plain"),
            "filters": ["redact"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "opensearch": {"level": "WARNING"},
        "celery.app.trace": {"level": "WARNING"},
        "kombu.connection": {"level": "ERROR"},
        "elastic_transport": {"level": "WARNING"},
        # pypdf warns about every oddity of an uploaded PDF; the check's verdict is what counts.
        "pypdf": {"level": "ERROR"},
    },
}

CELERY_IMPORTS = ["portal.task_backend"]

# Nieuwsbrief (nieuwsbrief/): sign-up, retention and the send engine. Durations in seconds unless
# the name says otherwise. The suppression list is keyed with NIEUWSBRIEF_HASH_KEY (else with
# SECRET_KEY).
NIEUWSBRIEF_FROM_EMAIL = env("NIEUWSBRIEF_FROM_EMAIL", default=DEFAULT_FROM_EMAIL)
NIEUWSBRIEF_REPLY_TO = env("NIEUWSBRIEF_REPLY_TO", default="")
NIEUWSBRIEF_HASH_KEY = env("NIEUWSBRIEF_HASH_KEY", default="")
NIEUWSBRIEF_PRIVACY_URL = env("NIEUWSBRIEF_PRIVACY_URL", default="/privacy/")
NIEUWSBRIEF_CONFIRM_MAX_AGE_DAYS = env.int("NIEUWSBRIEF_CONFIRM_MAX_AGE_DAYS", default=7)
NIEUWSBRIEF_PENDING_TTL_DAYS = env.int("NIEUWSBRIEF_PENDING_TTL_DAYS", default=14)
NIEUWSBRIEF_UNSUBSCRIBED_TTL_DAYS = env.int("NIEUWSBRIEF_UNSUBSCRIBED_TTL_DAYS", default=30)
NIEUWSBRIEF_DELIVERY_LOG_DAYS = env.int("NIEUWSBRIEF_DELIVERY_LOG_DAYS", default=90)
NIEUWSBRIEF_CONSENT_EVIDENCE_DAYS = env.int("NIEUWSBRIEF_CONSENT_EVIDENCE_DAYS", default=730)
NIEUWSBRIEF_MIN_FILL_SECONDS = env.int("NIEUWSBRIEF_MIN_FILL_SECONDS", default=3)
# Sign-ups handled per hour per client address and for the whole site (nieuwsbrief/throttle.py).
NIEUWSBRIEF_SIGNUPS_PER_IP_PER_HOUR = env.int("NIEUWSBRIEF_SIGNUPS_PER_IP_PER_HOUR", default=10)
NIEUWSBRIEF_SIGNUPS_PER_HOUR = env.int("NIEUWSBRIEF_SIGNUPS_PER_HOUR", default=300)
NIEUWSBRIEF_RECORD_IP = env.bool("NIEUWSBRIEF_RECORD_IP", default=False)
NIEUWSBRIEF_CHUNK_SIZE = env.int("NIEUWSBRIEF_CHUNK_SIZE", default=100)
NIEUWSBRIEF_MAX_PER_MINUTE = env.int("NIEUWSBRIEF_MAX_PER_MINUTE", default=600)
NIEUWSBRIEF_MAX_ATTEMPTS = env.int("NIEUWSBRIEF_MAX_ATTEMPTS", default=5)
NIEUWSBRIEF_RETRY_BASE_SECONDS = env.int("NIEUWSBRIEF_RETRY_BASE_SECONDS", default=30)
NIEUWSBRIEF_LEASE_SECONDS = env.int("NIEUWSBRIEF_LEASE_SECONDS", default=300)
NIEUWSBRIEF_REQUEUE_SECONDS = env.int("NIEUWSBRIEF_REQUEUE_SECONDS", default=300)
NIEUWSBRIEF_SWEEP_SECONDS = env.int("NIEUWSBRIEF_SWEEP_SECONDS", default=60)
NIEUWSBRIEF_MAX_LATENESS_HOURS = env.int("NIEUWSBRIEF_MAX_LATENESS_HOURS", default=6)
NIEUWSBRIEF_PAUSE_ERRORS = env.int("NIEUWSBRIEF_PAUSE_ERRORS", default=10)
NIEUWSBRIEF_PAUSE_WINDOW = env.int("NIEUWSBRIEF_PAUSE_WINDOW", default=20)
# Bounce and complaint webhooks (django-anymail) answer only when this secret is set.
ANYMAIL = {
    **EMAIL_CONFIG.get("ANYMAIL", {}),
    "WEBHOOK_SECRET": env("ANYMAIL_WEBHOOK_SECRET", default=""),
}
CELERY_BEAT_SCHEDULE.update(
    {
        # A run not started within its interval is dropped: busy workers get no backlog.
        "nieuwsbrief-sweep": {
            "task": "nieuwsbrief.sweep",
            "schedule": NIEUWSBRIEF_SWEEP_SECONDS,
            "options": {"expires": NIEUWSBRIEF_SWEEP_SECONDS},
        },
        "nieuwsbrief-dispatch": {
            "task": "nieuwsbrief.dispatch_due_issues",
            "schedule": NIEUWSBRIEF_SWEEP_SECONDS,
            "options": {"expires": NIEUWSBRIEF_SWEEP_SECONDS},
        },
        "nieuwsbrief-draft": {"task": "nieuwsbrief.draft_next_issue", "schedule": 3600},
        "nieuwsbrief-purge": {"task": "nieuwsbrief.purge", "schedule": 6 * 3600},
    }
)
