"""Settings for Pažanga. Every value comes from the environment; see the README's table."""

from pathlib import Path

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import (
    DEVELOPMENT_SECRET_KEY,
    database_from_url,
    env_bool,
    env_int,
    env_list,
    env_str,
    secret_keys,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SRC_DIR = BASE_DIR / "src"
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", default=False)
# With DEBUG=0 start-up stops unless SECRET_KEY (and every fallback) is a strong key; the
# development key exists only under DEBUG=1. Rotation: README, "Secrets".
INSECURE_DEFAULT_SECRET_KEY = DEVELOPMENT_SECRET_KEY
SECRET_KEY, SECRET_KEY_FALLBACKS = secret_keys(debug=DEBUG)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    # Our apps come first so that their templates override allauth's.
    "pazanga.common",
    "pazanga.directory",
    "pazanga.programme",
    "pazanga.questionnaires",
    "pazanga.events",
    "pazanga.training",
    "pazanga.grants",
    "pazanga.projects",
    "pazanga.impact",
    "pazanga.portal",
    "pazanga.workplan",
    "pazanga.opendata",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    # Django REST Framework and drf-spectacular are used as libraries, not installed apps:
    # as apps their catalogues would replace Django's own Lithuanian form messages.
    # Last, as it asks: a replaced or deleted file leaves storage after the commit.
    "django_cleanup.apps.CleanupConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "pazanga.common.middleware.PublicGZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "pazanga.programme.middleware.CurrentProgrammeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "pazanga.common.caching.PublicPageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "pazanga.common.middleware.PermissionsPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "pazanga.common.middleware.RefusalMiddleware",
]

ROOT_URLCONF = "config.urls"
CSRF_FAILURE_VIEW = "pazanga.portal.errors.csrf_failure"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pazanga.portal.navigation.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": database_from_url(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'pazanga.sqlite3'}")
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the development server read while a command writes; IMMEDIATE makes
    # write transactions take the lock up front instead of failing half-way.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "directory.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:dashboard"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = env_str("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_SIGNUP_FORM_CLASS = "pazanga.programme.forms.LibraryStaffSignupForm"
ACCOUNT_PREVENT_ENUMERATION = True
# Our adapter takes the client's address from pazanga.common.ratelimit.client_ip (the
# trusted proxies above) and answers a sign-in locked by failed attempts with the 429 page.
ACCOUNT_ADAPTER = "pazanga.common.accounts.AccountAdapter"

LANGUAGE_CODE = "lt"
LANGUAGES = [("lt", _("Lithuanian")), ("en", _("English"))]
TIME_ZONE = "Europe/Vilnius"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Where `manage.py backup` writes its archives (README: Backups); keep copies elsewhere too.
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(VAR_DIR / "backups")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# What one person (or anonymous client) may upload in a day (pazanga.common.uploads).
UPLOAD_BYTES_PER_DAY = env_int("UPLOAD_BYTES_PER_DAY", 200 * 1024 * 1024)

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Pažanga <pazanga@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The organisation that runs this installation: named in the footer, the privacy notice and
# the accessibility statement (the programme's data controller).
OPERATOR = {
    "name_lt": env_str("OPERATOR_NAME_LT", "Lietuvos nacionalinė Martyno Mažvydo biblioteka"),
    "name_en": env_str("OPERATOR_NAME_EN", "Martynas Mažvydas National Library of Lithuania"),
    "address": env_str("OPERATOR_ADDRESS", "Gedimino pr. 51, LT-01504 Vilnius"),
    "email": env_str("OPERATOR_EMAIL", "info@lnb.lt"),
    "phone": env_str("OPERATOR_PHONE", "+370 5 239 8700"),
    "website": env_str("OPERATOR_WEBSITE", "https://www.lnb.lt"),
}

# Registrants' personal data is anonymised this many days after their event ended
# (manage.py purge_event_personal_data).
EVENTS_RETENTION_DAYS = env_int("EVENTS_RETENTION_DAYS", 730)

# The cache holds the rate-limit counters (allauth's and pazanga.common.ratelimit's), so in
# production every worker must share it: REDIS_URL (e.g. redis://127.0.0.1:6379/1). Local
# memory, one store per process, is the default for development and tests; the deploy check
# pazanga.W002 warns when production runs on it.
REDIS_URL = env_str("REDIS_URL")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "pazanga"),
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Anonymous public pages served from that cache (pazanga.common.caching, decision 0094):
# the views cached, the apps whose saved rows make every cached page out of date, and the
# longest a page may be shown after a change no save announces (a deadline passing).
PUBLIC_PAGE_VIEWS = frozenset(
    {
        "portal:home",
        "portal:programme",
        "portal:programme_by_code",
        "portal:news_list",
        "portal:news_detail",
        "portal:privacy",
        "portal:accessibility",
        "directory:organisation_list",
        "directory:organisation",
        "directory:municipality_list",
        "events:list",
        "events:past",
        "events:detail",
        "training:calendar",
        "training:curriculum",
        "training:session",
        "grants:calls",
        "grants:awarded",
        "grants:call",
        "projects:public_list",
        "projects:public_detail",
    }
)
PUBLIC_CONTENT_APPS = (
    "directory",
    "programme",
    "events",
    "training",
    "grants",
    "projects",
    "impact",
    "workplan",
    "opendata",
    "portal",
)
PUBLIC_PAGE_SECONDS = env_int("PUBLIC_PAGE_SECONDS", 300)

# Reverse proxies in front of gunicorn that append the client's address to X-Forwarded-For
# (nginx: proxy_add_x_forwarded_for). The client is the address that many entries from the
# right; 0 (the default) ignores the header and uses the connection's address.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured(f"TRUSTED_PROXY_COUNT must be 0 or more; got {TRUSTED_PROXY_COUNT}.")

# Rate limits, per client address unless said otherwise ("amount/period", period in s, m, h
# or d, optionally with a number: "5/15m"). Sign-in, sign-up and password reset are allauth's
# (see its ACCOUNT_RATE_LIMITS); "key" there is the e-mail address tried.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
}
# Public forms that write (pazanga.common.ratelimit.rate_limit("<name>")).
RATE_LIMITS = {
    "event_registration": "20/h",
    "survey_submission": "60/h",
    "open_data_api": env_str("OPEN_DATA_API_RATE", "120/m"),  # anonymous API clients
}
# Open data (decision 0085): the 360Giving prefix the publisher registered, and the
# publisher's organisation identifier (org-id.guide); empty: read from the national library.
OPEN_DATA_360G_PREFIX = env_str("OPEN_DATA_360G_PREFIX", "lnb-bp")
OPEN_DATA_PUBLISHER_ID = env_str("OPEN_DATA_PUBLISHER_ID", "")
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["pazanga.opendata.api.throttling.ClientThrottle"],
    "DEFAULT_PAGINATION_CLASS": "pazanga.opendata.api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "pazanga.opendata.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": None,
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Pažanga open data API",
    "DESCRIPTION": "Read-only public data of the programme: events, training sessions, "
    "libraries, calls, awarded grants and indicators. Nothing personal. CC BY 4.0.",
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
}

# Security: strict unless DEBUG; each can be relaxed from the environment (e.g. behind a
# proxy that already redirects to HTTPS).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", default=not DEBUG) else None
)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp, decision 0014): scripts, styles, images and fonts only
# from this site's own static files; no inline script, no inline style, no eval, no frames.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Permissions-Policy (pazanga.common.middleware): no page may use these browser features,
# except the camera on the pages named here (the door staff's QR scanner).
PERMISSIONS_POLICY_DENIED = (
    "camera",
    "microphone",
    "geolocation",
    "payment",
    "usb",
    "serial",
    "bluetooth",
    "midi",
    "display-capture",
)
PERMISSIONS_POLICY_CAMERA_VIEWS = {"events:check_in"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

FORMAT_MODULE_PATH = ["config.formats"]
# Lithuanian texts of Django and allauth that their catalogues lack (kept by hand).
LOCALE_PATHS = [SRC_DIR / "config" / "locale"]

# Long work: "inline" runs it after commit in the same process; "celery" sends it to
# Celery workers through the broker (pazanga/common/tasks.py, config/celery.py).
TASK_QUEUE = env_str("TASK_QUEUE", "inline")
if TASK_QUEUE not in ("inline", "celery"):
    raise ImproperlyConfigured(f"TASK_QUEUE must be inline or celery; got {TASK_QUEUE!r}.")
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
CELERY_TASK_SERIALIZER = CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
