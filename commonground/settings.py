"""Django settings for Common Ground: every value comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: str) -> int:
    value = os.environ.get(name, default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envdays(name: str, default: str) -> int:
    days = envint(name, default)
    if days < 1:
        raise ImproperlyConfigured(f"{name} must be at least 1 day, not {days}")
    return days


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def envpairs(name: str, default: str) -> dict[str, str]:
    """NAME=VALUE pairs separated by commas: "activity-reminder=1a2b...,cohort-message=3c4d..."."""
    pairs = {}
    for item in envlist(name, default):
        key, equals, value = item.partition("=")
        if not equals or not key.strip() or not value.strip():
            raise ImproperlyConfigured(f"{name} must be NAME=VALUE pairs, not {item!r}")
        pairs[key.strip()] = value.strip()
    return pairs


def envfloats(name: str, default: str) -> list[float]:
    try:
        return [float(item) for item in envlist(name, default)]
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be numbers separated by commas") from None


# "production" turns on the secure defaults and insists on a real secret key.
ENVIRONMENT = os.environ.get("COMMONGROUND_ENV", "development")
if ENVIRONMENT not in ("development", "production"):
    raise ImproperlyConfigured(
        f"COMMONGROUND_ENV must be development or production, not {ENVIRONMENT!r}"
    )
PRODUCTION = ENVIRONMENT == "production"
DEBUG = envbool("DEBUG", "false")
# Published in the source, so it signs nothing that matters: production refuses it.
DEVELOPMENT_SECRET_KEY = "development-only-key-7f3a9c1e5b2d8f4a6c0e9b3d7a1f5c8e2b6d0a4f"  # nosec B105
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when COMMONGROUND_ENV is production")
    SECRET_KEY = DEVELOPMENT_SECRET_KEY
if PRODUCTION and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is the development key, which is published with the source: "
        "set a long random SECRET_KEY of your own when COMMONGROUND_ENV is production"
    )
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SITE_NAME = os.environ.get("SITE_NAME", "Common Ground")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.microsoft",
    "django_tasks",
    "django_tasks_db",
    # The API's own pages (/api/docs) from its package's templates and static files, not a CDN.
    "ninja",
    "commonground.accounts",
    "commonground.audit",
    "commonground.exports",
    "commonground.directory",
    "commonground.programmes",
    "commonground.grouping",
    "commonground.challenges",
    "commonground.evaluation",
    "commonground.recruitment",
    "commonground.progression",
    "commonground.mentoring",
    "commonground.initiatives",
    "commonground.alumni",
    "commonground.notify",
    "commonground.privacy",
]

MIDDLEWARE = [
    "commonground.lib.unavailable.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "commonground.accounts.middleware.RequireMFAForStaffMiddleware",
]

ROOT_URLCONF = "commonground.urls"
WSGI_APPLICATION = "commonground.wsgi.application"

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
                "commonground.lib.context.site",
                "commonground.notify.context.notify",
            ],
            "builtins": ["commonground.lib.govuk", "commonground.lib.pages"],
        },
    },
]

FORM_RENDERER = "commonground.lib.govuk.GovukFormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'commonground.sqlite3'}"),
        # Each gunicorn worker keeps its connection between requests (checked before reuse), so a
        # page does not pay for a new PostgreSQL connection.
        conn_max_age=envint("DB_CONN_MAX_AGE", "60" if PRODUCTION else "0"),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Background tasks (invitation emails) write while staff do: with write-ahead logging readers
    # never wait for a writer, and IMMEDIATE transactions take the write lock at BEGIN, so a busy
    # database makes a request wait up to `timeout` seconds instead of failing "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )

# Failed sign-in limits are counted in the cache, so in production it must be shared by every
# web process: the database cache (create its table with `manage.py createcachetable`).
CACHES = {
    "default": {
        "BACKEND": os.environ.get(
            "CACHE_BACKEND",
            "django.core.cache.backends.db.DatabaseCache"
            if PRODUCTION
            else "django.core.cache.backends.locmem.LocMemCache",
        ),
        "LOCATION": os.environ.get("CACHE_LOCATION", "commonground_cache" if PRODUCTION else ""),
    }
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2id first (accounts/hashers.py says why); PBKDF2 so that older stored passwords still verify.
PASSWORD_HASHERS = envlist(
    "PASSWORD_HASHERS",
    "commonground.accounts.hashers.Argon2idPasswordHasher,"
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
)

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_ALLOW_REGISTRATION = False
ACCOUNT_ADAPTER = "commonground.accounts.adapter.AccountAdapter"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_RATE_LIMITS = {
    "login_failed": os.environ.get("LOGIN_FAILED_RATE_LIMIT", "10/m/ip,5/5m/key"),
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME
# Staff and administrators must have an authenticator before they reach any page but the
# MFA set-up itself; the demo and the tests may switch this off explicitly.
MFA_REQUIRED_FOR_STAFF = envbool("MFA_REQUIRED_FOR_STAFF", "true")
# Only a demo or a load test may run without it: `check --deploy` fails unless this says so.
ALLOW_STAFF_WITHOUT_SECOND_FACTOR = envbool("ALLOW_STAFF_WITHOUT_SECOND_FACTOR", "false")

# Sign-in with a partner's own Microsoft work account (Entra ID), as one multi-tenant application.
# Off until MICROSOFT_CLIENT_ID is set; which tenants may sign in is the administrator's list of
# partner tenants (accounts.PartnerTenant), not a setting. The two URLs change only in tests,
# which run their own issuer on this machine. See docs/deploy.md, "Microsoft sign-in".
MICROSOFT_CLIENT_ID = os.environ.get("MICROSOFT_CLIENT_ID", "")
MICROSOFT_CLIENT_SECRET = os.environ.get("MICROSOFT_CLIENT_SECRET", "")
MICROSOFT_LOGIN_URL = os.environ.get(
    "MICROSOFT_LOGIN_URL", "https://login.microsoftonline.com"
).rstrip("/")
MICROSOFT_GRAPH_URL = os.environ.get("MICROSOFT_GRAPH_URL", "https://graph.microsoft.com").rstrip(
    "/"
)
if MICROSOFT_CLIENT_ID and not MICROSOFT_CLIENT_SECRET:
    raise ImproperlyConfigured("MICROSOFT_CLIENT_ID is set without MICROSOFT_CLIENT_SECRET.")
SOCIALACCOUNT_ADAPTER = "commonground.accounts.entra.PartnerAccountAdapter"
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_PROVIDERS = {
    "microsoft": {
        "SCOPE": ["openid", "email", "profile", "User.Read"],
        "APPS": [
            {
                "client_id": MICROSOFT_CLIENT_ID,
                "secret": MICROSOFT_CLIENT_SECRET,
                # "organizations": any work account; the partner list then decides who may enter.
                "settings": {
                    "tenant": "organizations",
                    "login_url": MICROSOFT_LOGIN_URL,
                    "graph_url": MICROSOFT_GRAPH_URL,
                },
            }
        ]
        if MICROSOFT_CLIENT_ID
        else [],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static", ("vendor", BASE_DIR / "node_modules")]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if not PRODUCTION
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

# "solvers" holds the groupings, whose search loads the compiled search and the constraint solver
# (about 220 MB that stay in the process once loaded): production runs that queue in a worker of
# its own that starts afresh after each task (docs/deploy.md), the rest in another.
TASK_QUEUES = ["default", "solvers"]
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": TASK_QUEUES,
    }
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "false")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Common Ground <noreply@localhost>")

# GOV.UK Notify (docs/deploy.md): EMAIL_BACKEND=commonground.notify.backend.NotifyEmailBackend.
NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY", "")
NOTIFY_BASE_URL = os.environ.get("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
# Every email goes through the generic template unless its name has a template of its own.
NOTIFY_GENERIC_TEMPLATE_ID = os.environ.get("NOTIFY_GENERIC_TEMPLATE_ID", "")
NOTIFY_TEMPLATES = envpairs("NOTIFY_TEMPLATES", "")
NOTIFY_SMS_REMINDER_TEMPLATE_ID = os.environ.get("NOTIFY_SMS_REMINDER_TEMPLATE_ID", "")
# The bearer token Notify sends with delivery receipts; the receipt URL answers 404 without it.
NOTIFY_CALLBACK_TOKEN = os.environ.get("NOTIFY_CALLBACK_TOKEN", "")
# Seconds to wait before each retry of a rate-limited or failed request; then it fails.
NOTIFY_RETRY_DELAYS = envfloats("NOTIFY_RETRY_DELAYS", "1,5,25")
# Notify cannot attach a calendar file as Outlook needs it, so emails with attachments go here.
NOTIFY_ATTACHMENT_BACKEND = os.environ.get(
    "NOTIFY_ATTACHMENT_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)

SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", str(PRODUCTION))
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", str(PRODUCTION))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "31536000" if PRODUCTION else "0")
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if envbool("BEHIND_TLS_PROXY", "false") else None
)

# No inline script or style anywhere: every script and stylesheet is a static file, so an
# injected <script> or onclick= does nothing. The authenticator set-up shows its QR code as a
# data: image, hence img-src.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        # The nonce admits the one inline script, the import map that names GOV.UK Frontend's
        # hashed file; every other script is a file of our own.
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# Aggregates of fewer people than this are shown only to programme staff.
SMALL_NUMBER_THRESHOLD = envint("SMALL_NUMBER_THRESHOLD", "5")
PAGE_SIZE = envint("PAGE_SIZE", "50")
# A grouping run or report snapshot that has not reported progress for this long is taken to
# have stopped with its worker, and may be run again.
BACKGROUND_RUN_STALE_SECONDS = envint("BACKGROUND_RUN_STALE_SECONDS", "300")
# Exports are written here in the background and downloaded from here by the person who asked;
# each file is deleted this many hours after it is ready (`manage.py delete_expired_exports`).
EXPORTS_ROOT = Path(os.environ.get("EXPORTS_ROOT", str(BASE_DIR / "var" / "exports")))
EXPORTS_KEEP_HOURS = envint("EXPORTS_KEEP_HOURS", "24")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# How long each kind of personal data is kept before the daily retention job anonymises it
# (`manage.py apply_retention`; docs/privacy.md says what happens to each kind, and why).
RETENTION_DAYS = {
    # After the decision; a recruitment round may set a shorter period of its own.
    "unsuccessful_applications": envdays("RETAIN_UNSUCCESSFUL_APPLICATIONS_DAYS", "365"),
    # After the survey closed: comments and raters' names go, the ratings the figures use stay.
    "survey_answers": envdays("RETAIN_SURVEY_ANSWERS_DAYS", "1095"),
    # After the survey closed: names of people outside the programme go.
    "network_ties": envdays("RETAIN_NETWORK_TIES_DAYS", "730"),
    # After the change: who made it and what it held go, that it happened stays.
    "audit_entries": envdays("RETAIN_AUDIT_ENTRIES_DAYS", "2190"),
    # After the link expired: the email address it was sent to goes.
    "application_links": envdays("RETAIN_APPLICATION_LINKS_DAYS", "30"),
}
# Where people send a subject access, erasure or other data-protection request, and report an
# accessibility problem; both public notices give it.
DATA_PROTECTION_EMAIL = os.environ.get("DATA_PROTECTION_EMAIL", "dataprotection@localhost")
# The organisation responsible for the site and the data it holds (the controller).
DATA_CONTROLLER = os.environ.get("DATA_CONTROLLER", "Essex Partners")
