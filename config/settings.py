"""Kumppani settings: one module, read from the environment.

Defaults need no outside service (SQLite and an embedded SQLite Celery broker under var/), so a
fresh clone runs with `make run`. Production sets DATABASE_URL, CELERY_BROKER_URL,
SECRET_KEY, ALLOWED_HOSTS and the e-mail variables (see README.md). A value that cannot be
parsed stops the start with a message naming the variable.
"""

import datetime
import secrets
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("KUMPPANI_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

env = environ.Env()

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = env.str(name, default=None)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false (1/0, yes/no, on/off), got {raw!r}")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = env.str(name, default=None)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {raw!r}") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {value}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = env.str(name, default=None)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    key = env.str("SECRET_KEY", default="")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (generate one with "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`)."
        )
    # Development only: one key generated once and kept, so sessions survive restarts.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_filters",
    "template_partials",
    "simple_history",
    "csp",
    "axes",
    "core",
    "checkpoints",
    "partnerships",
    "brochures",
    "imports",
    "partners",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Who made each change, for the audit trail (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    "core.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its own answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "core.context_processors.institution",
                "core.context_processors.can",
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    },
]


def _database() -> dict:
    default = f"sqlite:///{VAR_DIR / 'kumppani.sqlite3'}"
    url = env.str("DATABASE_URL", default=default)
    scheme = url.split(":", 1)[0]
    if scheme not in environ.Env.DB_SCHEMES:
        raise ImproperlyConfigured(
            f"DATABASE_URL has an unknown scheme {scheme!r}: use postgres://... or sqlite:///..."
        )
    try:
        config = environ.Env.db_url_config(url)
    except Exception as exc:  # environ raises several types for a malformed URL
        raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from None
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Several processes (web, worker, beat) share the file: wait for locks, not fail.
        config.setdefault("OPTIONS", {}).update(
            {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
        )
    else:
        config["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60)
        config["CONN_HEALTH_CHECKS"] = True
    # Each view runs in one transaction, rolled back when it raises: a failure midway, a
    # dropped connection included, leaves no partial write, and work queued with
    # transaction.on_commit (e-mail, renders, imports) starts only after the commit. The few
    # views that must not (healthz, the downloads) say why with @transaction.non_atomic_requests.
    config["ATOMIC_REQUESTS"] = True
    return config


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # First: refuses a login while the username and IP pair is locked out.
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, loading the signed-in user and their roles in one query.
    "core.backends.StaffBackend",
]
# Throttle on username *and* IP together, so that nobody can lock a known user out from
# another address (trust issue).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15, minimum=1))
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# How many proxies of ours stand in front of the app (nginx: 1). One setting for every
# limiter: django-axes and core/ratelimit.py both read the client's address through
# core.ratelimit.client_address, the N-th X-Forwarded-For entry from the right.
KUMPPANI_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0, minimum=0)
AXES_CLIENT_IP_CALLABLE = "core.ratelimit.client_address"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "partnerships:home"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 10, minimum=60)  # one working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Finnish is the default; Swedish and English are complete (conventions.md, i18n).
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["core.formats"]  # English times on the 24-hour clock
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Third-party assets installed from the npm registry by `make` (package.json), never committed.
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", BASE_DIR / "node_modules" / "bootstrap-icons" / "font"),
    ("vendor/chartjs", BASE_DIR / "node_modules" / "chart.js" / "dist"),
    ("vendor/chartjs-datalabels", BASE_DIR / "node_modules" / "chartjs-plugin-datalabels" / "dist"),
    # The PDFs' typeface, embedded in every PDF (never whatever fonts the machine happens to have).
    ("vendor/source-sans-3", BASE_DIR / "node_modules" / "@fontsource" / "source-sans-3" / "files"),
]
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"
# Rendered brochures and their previews: private files, served only by the brochure views
# (the teacher version needs a login), never from a static or media URL.
KUMPPANI_BROCHURE_DIR = Path(env.str("KUMPPANI_BROCHURE_DIR", default=str(VAR_DIR / "brochures")))
# Files every machine must see (the uploaded logo, rendered brochures): folders under var/ by
# default, right for one machine; with KUMPPANI_S3_BUCKET an S3-compatible object store
# (django-storages), shared by every web and worker machine. Private either way: objects are
# written without a public ACL and served only by our views (core/storage.py). The
# credentials come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or the machine's role).
KUMPPANI_S3_BUCKET = env.str("KUMPPANI_S3_BUCKET", default="")
KUMPPANI_S3_PREFIX = env.str("KUMPPANI_S3_PREFIX", default="").strip("/")  # folder in a shared bucket


def _file_storage(prefix: str, local: dict) -> dict:
    if not KUMPPANI_S3_BUCKET:
        return local
    style = env.str("KUMPPANI_S3_ADDRESSING_STYLE", default="auto")
    if style not in ("auto", "path", "virtual"):
        raise ImproperlyConfigured(
            f"KUMPPANI_S3_ADDRESSING_STYLE must be auto, path or virtual, got {style!r}"
        )
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": KUMPPANI_S3_BUCKET,
            "location": "/".join(filter(None, (KUMPPANI_S3_PREFIX, prefix))),
            "endpoint_url": env.str("KUMPPANI_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("KUMPPANI_S3_REGION", default="") or None,
            "addressing_style": None if style == "auto" else style,
            "default_acl": None,  # the bucket's own (private) policy; never public-read
            "querystring_auth": True,  # should a URL ever be made, it is signed and expires
            "file_overwrite": True,  # names are content hashes or pointers meant to be replaced
        },
    }


STORAGES = {
    "default": _file_storage("media", {"BACKEND": "django.core.files.storage.FileSystemStorage"}),
    "brochures": _file_storage(
        "brochures",
        {
            "BACKEND": "core.storage.PrivateFileSystemStorage",
            "OPTIONS": {"location": str(KUMPPANI_BROCHURE_DIR)},
        },
    ),
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_STORAGE",
            default="django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}

# The cache: CACHE_URL (for example redis://127.0.0.1:6379/1), which every machine must share
# when there are several (cached pages are dropped through it after a change), or files under
# var/cache on one machine. Nothing a worker writes for the web lives only there: import
# progress is in the database on PostgreSQL (on SQLite, one machine, in this cache).
# Files: up to 5,000 entries before a third is dropped (cached pages are many and small).
CACHES = {"default": env.cache_url("CACHE_URL", default=f"filecache://{VAR_DIR / 'cache'}?max_entries=5000")}
# Sessions are stored in the database and read through that cache.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
# Form widgets (every <input>, <select> and <option>) are rendered by Jinja2 from Django's
# own widget templates: the same HTML, faster (core/renderers.py).
FORM_RENDERER = "core.renderers.WidgetRenderer"

# E-mail. Development prints messages on the console; production names an SMTP server.
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20, minimum=1)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="kumppani@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery. The default broker is a SQLite file of its own under var/ (core/broker.py), so
# `make run` needs no server; CELERY_BROKER_URL=amqp://... or redis://... switches to a real one.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="sqlite://")
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # How long a worker holds a message before another may take it (Redis and SQLite).
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600, minimum=1),
}
if CELERY_BROKER_URL == "sqlite://":
    CELERY_BROKER_TRANSPORT_OPTIONS["path"] = str(VAR_DIR / "celery" / "broker.sqlite3")
# A web request must never hang on a broker that is down (reminders issue): fail fast.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE: dict = {}  # filled in config/celery.py, the one place for schedules

# Security. Secure by default whenever DEBUG is off; each switch can be relaxed explicitly,
# e.g. behind a proxy that terminates TLS (see README.md, "Production").
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# A load balancer checks each web machine over plain HTTP, behind the TLS it terminates.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
# Every script and style is a file served by the app: no 'unsafe-inline' anywhere, and htmx
# is configured (base.html) not to inject styles or evaluate code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # htmx sends the token from the page (base.html), not the cookie

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# Domain settings.
# Employers not contacted within this many days appear as needing contact until the review
# issue gives each partnership level its own interval.
KUMPPANI_DEFAULT_CONTACT_INTERVAL_DAYS = env_int("KUMPPANI_DEFAULT_CONTACT_INTERVAL_DAYS", 90, minimum=1)
# The national feedback reaches the instructor only if the work period is complete in eHOKS
# before it ends: periods ending within this many days without an eHOKS entry are flagged.
KUMPPANI_EHOKS_DEADLINE_DAYS = env_int("KUMPPANI_EHOKS_DEADLINE_DAYS", 7, minimum=1)
# The skills demonstration is to be scheduled this many days before the last day.
KUMPPANI_DEMONSTRATION_DEADLINE_DAYS = env_int("KUMPPANI_DEMONSTRATION_DEADLINE_DAYS", 14, minimum=1)
# Thanks and the student's feedback are due within this many days after the last day.
KUMPPANI_AFTER_PERIOD_DAYS = env_int("KUMPPANI_AFTER_PERIOD_DAYS", 14, minimum=1)
# A student's personal data is erased (anonymised) this many years after their last agreement
# ended, or, without agreements, after their record last changed (partnerships/services/privacy.py).
KUMPPANI_RETENTION_YEARS = env_int("KUMPPANI_RETENTION_YEARS", 5, minimum=1)
KUMPPANI_PDF_TIMEOUT = env_int("KUMPPANI_PDF_TIMEOUT", 60, minimum=1)  # seconds for one PDF render
# Uploaded spreadsheets are untrusted: a file is refused, before anything is padded or kept,
# when a row has more columns or a cell more characters than this (32,767 is Excel's own
# limit for a cell), or when an XLSX (a zip) would inflate to more than this many megabytes
# (imports/reading.py, imports/xlsx.py).
KUMPPANI_IMPORT_MAX_COLUMNS = env_int("KUMPPANI_IMPORT_MAX_COLUMNS", 200, minimum=1)
KUMPPANI_IMPORT_MAX_CELL = env_int("KUMPPANI_IMPORT_MAX_CELL", 32_767, minimum=1)
KUMPPANI_IMPORT_MAX_UNZIPPED_MB = env_int("KUMPPANI_IMPORT_MAX_UNZIPPED_MB", 50, minimum=1)

# The e-mail outbox (core/email.py): a worker's claim on a message lasts this long; a message
# that keeps failing is given up (and shown to the responsible teacher) after this many hours.
KUMPPANI_OUTBOX_LEASE_SECONDS = env_int("KUMPPANI_OUTBOX_LEASE_SECONDS", 300, minimum=1)
KUMPPANI_OUTBOX_GIVE_UP_HOURS = env_int("KUMPPANI_OUTBOX_GIVE_UP_HOURS", 48, minimum=1)
# The first retry waits this long, each next one twice as long (at most an hour); the
# dispatch sweep runs this often.
KUMPPANI_OUTBOX_BACKOFF_SECONDS = env_int("KUMPPANI_OUTBOX_BACKOFF_SECONDS", 60, minimum=1)
KUMPPANI_OUTBOX_DISPATCH_SECONDS = env_int("KUMPPANI_OUTBOX_DISPATCH_SECONDS", 60, minimum=1)
# Background work (core/background.py): the beat asks a worker to stamp a heartbeat this often;
# one older than the stale limit puts a banner before coordinators and /healthz answers 503.
KUMPPANI_HEARTBEAT_SECONDS = env_int("KUMPPANI_HEARTBEAT_SECONDS", 60, minimum=1)
KUMPPANI_HEARTBEAT_STALE_SECONDS = env_int("KUMPPANI_HEARTBEAT_STALE_SECONDS", 180, minimum=1)
# `make bench` only: a floor view and an X-Queries header on every answer (devtools/).
KUMPPANI_BENCH = env_bool("KUMPPANI_BENCH", False)
if KUMPPANI_BENCH:
    MIDDLEWARE = ["devtools.middleware.QueryCountMiddleware", *MIDDLEWARE]
# The demo seeder and the benchmark are development tools: production has neither their
# commands nor their pages (tests/settings.py installs them for the suite).
if DEBUG or KUMPPANI_BENCH:
    INSTALLED_APPS = [*INSTALLED_APPS, "devtools"]
# The address of the portal as people reach it, for links in e-mails.
KUMPPANI_BASE_URL = env.str("KUMPPANI_BASE_URL", default="http://127.0.0.1:8000" if DEBUG else "").rstrip("/")
# Every link in an e-mail starts with it: a development default in production would send
# people to 127.0.0.1, so with DEBUG off it must be given.
if not KUMPPANI_BASE_URL:
    raise ImproperlyConfigured(
        "KUMPPANI_BASE_URL must be set when DEBUG is off (the portal's address, e.g. https://kumppani.example.fi)."
    )
if not KUMPPANI_BASE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        f"KUMPPANI_BASE_URL must start with https:// or http:// (got {KUMPPANI_BASE_URL!r})."
    )
# Reminder offsets (reminders issue): days before the start, and before the end.
KUMPPANI_REMIND_BEFORE_START_DAYS = env_int("KUMPPANI_REMIND_BEFORE_START_DAYS", 7, minimum=1)
# How many days before a partnership agreement ends its responsible person is reminded to
# renew it; the dashboard counts it as expiring from then on.
KUMPPANI_PARTNERSHIP_RENEWAL_DAYS = env_int("KUMPPANI_PARTNERSHIP_RENEWAL_DAYS", 60, minimum=1)
# The largest partnership agreement document accepted, in megabytes.
KUMPPANI_PARTNERSHIP_DOCUMENT_MAX_MB = env_int("KUMPPANI_PARTNERSHIP_DOCUMENT_MAX_MB", 10, minimum=1)
