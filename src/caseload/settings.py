"""caseload settings: every deployment choice is read from the environment.

Fails closed: DEBUG is off unless asked for, and outside the demo the secret key, the
data-encryption keys and the audit key must be given. `CASELOAD_DEMO=1` (set by
`make run`) creates local demo secrets under var/ instead.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from caseload.core import local_secrets
from caseload.core.env import env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = Path(env_str("CASELOAD_VAR_DIR") or BASE_DIR / "var")

DEMO = env_bool("CASELOAD_DEMO", False)
DEBUG = env_bool("CASELOAD_DEBUG", False)


def _secret(name: str, demo_file: str, make) -> str:
    value = env_str(name)
    if value:
        return value
    if DEMO:
        return local_secrets.read_or_create(VAR_DIR / demo_file, make)
    raise ImproperlyConfigured(f"{name} must be set (or run the demo with CASELOAD_DEMO=1).")


SECRET_KEY = _secret("CASELOAD_SECRET_KEY", "secret_key", local_secrets.new_secret_key)
# The data-encryption key ring: "id:base64key,id:base64key"; the first encrypts.
CASELOAD_KEYS = _secret("CASELOAD_KEYS", "keys", local_secrets.new_data_key)
CASELOAD_KEYS_FILE = None if env_str("CASELOAD_KEYS") else VAR_DIR / "keys"
# Keys the audit chain's HMAC, so database access alone cannot forge a consistent chain.
CASELOAD_AUDIT_KEY = _secret("CASELOAD_AUDIT_KEY", "audit_key", local_secrets.new_secret_key)

ALLOWED_HOSTS = env_list("CASELOAD_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CASELOAD_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django_htmx",
    "caseload.core",
    "caseload.accounts",
    "caseload.audit",
    "caseload.clients",
    "caseload.scheduling",
    "caseload.portal",
    "caseload.safety",
    "caseload.safetyplans",
    "caseload.measures",
    "caseload.plans",
    "caseload.notes",
    "caseload.privacy",
    "caseload.wellbeing",
    "caseload.fhir",
    "caseload.api",
    "caseload.today",
    "caseload.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before SessionLimitMiddleware, which tells a signed-out user why.
    "django.contrib.messages.middleware.MessageMiddleware",
    "caseload.accounts.middleware.SessionLimitMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "caseload.accounts.middleware.RequireTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "caseload.core.middleware.NoStoreMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "caseload.urls"
# What pages are made of (tabs, navigation, panels, timeline sources, link pages, demo
# steps), listed in one place at the top of the layers (core/composition.py).
CASELOAD_COMPOSITION = "caseload.composition"
WSGI_APPLICATION = "caseload.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "caseload.core.context_processors.caseload",
                "caseload.safety.context_processors.alerts",
            ],
        },
    }
]

# Database: SQLite under var/ by default; DATABASE_URL chooses PostgreSQL.
DATABASE_URL = env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'caseload.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE: a transaction takes the write lock when it starts, so the audit
        # chain head (read, then appended to) is never raced and no upgrade deadlocks.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
        " PRAGMA foreign_keys=ON;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login throttling: lock a username+IP pair after repeated failures. The same answer is
# given whether or not the username exists.
AXES_FAILURE_LIMIT = env_int("CASELOAD_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("CASELOAD_LOCKOUT_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# Behind N trusted reverse proxies, the client is the Nth address from the right of
# X-Forwarded-For; lockout and the audit trail read the same address.
CASELOAD_PROXY_COUNT = env_int("CASELOAD_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "caseload.core.http.client_ip"

# Two-factor: required for every staff role unless explicitly switched off (the demo).
CASELOAD_REQUIRE_2FA = env_bool("CASELOAD_REQUIRE_2FA", not DEMO)
OTP_TOTP_ISSUER = env_str("CASELOAD_PRACTICE_NAME", "caseload")

# Sessions: server-side idle logoff and an absolute limit, both enforced by
# SessionLimitMiddleware against the one clock.
CASELOAD_IDLE_TIMEOUT_MINUTES = env_int("CASELOAD_IDLE_TIMEOUT_MINUTES", 15, minimum=1)
CASELOAD_SESSION_MAX_HOURS = env_int("CASELOAD_SESSION_MAX_HOURS", 10, minimum=1)
SESSION_COOKIE_AGE = CASELOAD_SESSION_MAX_HOURS * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Transport security. The demo serves plain HTTP on the loopback; production is HTTPS
# behind a reverse proxy that sets X-Forwarded-Proto.
_SECURE = not DEMO and not DEBUG
SESSION_COOKIE_SECURE = env_bool("CASELOAD_SECURE_COOKIES", _SECURE)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("CASELOAD_SSL_REDIRECT", _SECURE)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SECURE_HSTS_SECONDS = env_int("CASELOAD_HSTS_SECONDS", 31536000 if _SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("CASELOAD_TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True
# Dates and times one way on every page, in the practice's time zone: templates name a
# format (`|date:"DATE_FORMAT"`), never spell one out (tests/core/test_date_formats.py).
# Django's own format files for English would win over these settings (localized formats
# take precedence since Django 5), so core/formats/en/ hands Django these same values.
DATE_FORMAT = "j M Y"  # 3 Dec 2026
DATETIME_FORMAT = "j M Y, H:i"  # 3 Dec 2026, 14:02
TIME_FORMAT = "H:i"  # 14:02
SHORT_DATE_FORMAT = "j M"  # 3 Dec: only beside a full date, or in a list of the coming days
SHORT_DATETIME_FORMAT = "j M, H:i"  # 3 Dec, 14:02: likewise
MONTH_DAY_FORMAT = "j F"  # 3 December
YEAR_MONTH_FORMAT = "F Y"  # December 2026
FORMAT_MODULE_PATH = ["caseload.core.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every request without it
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG and env_bool("CASELOAD_MANIFEST_STATIC", True)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Serve straight from the app folders when collectstatic has not been run (tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

EMAIL_BACKEND = env_str("CASELOAD_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("CASELOAD_FROM_EMAIL", "caseload@localhost")

# Shown to clients on every page they reach by link and in what they are sent; an
# administrator's name in the app (PracticeSettings) wins over it. The demo's is invented.
CASELOAD_PRACTICE_NAME = env_str(
    "CASELOAD_PRACTICE_NAME", "Harbour Street Counselling (demo)" if DEMO else "caseload"
)
# The address people reach caseload at, for links in emails sent without a request
# (alert escalation from `caseload tick`).
CASELOAD_BASE_URL = (
    env_str("CASELOAD_BASE_URL") or f"http://127.0.0.1:{env_str('PORT') or '8000'}"
).rstrip("/")
# Hours after a session at which an unsigned note counts as overdue.
CASELOAD_NOTE_OVERDUE_HOURS = env_int("CASELOAD_NOTE_OVERDUE_HOURS", 72, minimum=1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"client_errors": {"()": "caseload.core.request_logging.ClientErrorsOnOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("CASELOAD_LOG_LEVEL", "WARNING")},
    # A 403 or 404 is one line (who, path), not a traceback: core/request_logging.py.
    "loggers": {"django.request": {"filters": ["client_errors"]}},
}
