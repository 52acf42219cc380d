"""Django settings for ipenforce; every deployment-specific value comes from an IPENFORCE_* variable (see README)."""
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("IPENFORCE_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("IPENFORCE_DEBUG", False)
SECRET_KEY = env_str("IPENFORCE_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("IPENFORCE_SECRET_KEY must be set when IPENFORCE_DEBUG is off")
    SECRET_KEY = "insecure-development-key-only-for-IPENFORCE_DEBUG"

ALLOWED_HOSTS = env_list("IPENFORCE_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("IPENFORCE_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "csp",
    "mozilla_django_oidc",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "ipenforce.core",
    "ipenforce.orgs",
    "ipenforce.workflow",
    "ipenforce.cases",
    "ipenforce.evidence",
    "ipenforce.documents",
    "ipenforce.linkage",
    "ipenforce.campaigns",
    "ipenforce.field",
    "ipenforce.supervision",
    "ipenforce.command",
    "ipenforce.programs",
    "ipenforce.credit",
    "ipenforce.protection",
    "ipenforce.stats",
    "ipenforce.workbench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "ipenforce.core.middleware.ApiErrorShapeMiddleware",
    "ipenforce.core.middleware.RejectNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ipenforce.orgs.middleware.IdleTimeoutMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ipenforce.core.middleware.PrivateResponsesMiddleware",
    "ipenforce.orgs.middleware.AccountPolicyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
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
                "ipenforce.workbench.navigation.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("IPENFORCE_DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("IPENFORCE_DB_CONN_MAX_AGE", 60),
    )
}
# A kept connection is checked before each request reuses it, so a database restart costs no failed request.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the task worker and the web server read while the other writes; IMMEDIATE takes the write
    # lock at BEGIN so concurrent writers queue instead of failing with "database is locked".
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not env_bool("IPENFORCE_DB_JIT", False):
    # No JIT compilation: for this application's short queries PostgreSQL's JIT costs 100–350 ms a query once a
    # plan's estimate passes jit_above_cost (seen at 1 M cases) and never pays back (README "Performance"). Added
    # to any `options` of the URL; behind a pooler that refuses startup options set IPENFORCE_DB_JIT=1 and
    # `ALTER ROLE … SET jit = off` instead.
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c jit=off".strip()

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "orgs.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Password rules for 等级保护 level 3: length, three of four character classes, not the username, not common,
# not all digits, not one of the last few; expiry is optional (0 = never).
PASSWORD_MIN_LENGTH = env_int("IPENFORCE_PASSWORD_MIN_LENGTH", 10, minimum=8)
PASSWORD_MIN_CLASSES = env_int("IPENFORCE_PASSWORD_MIN_CLASSES", 3, minimum=1)
PASSWORD_HISTORY = env_int("IPENFORCE_PASSWORD_HISTORY", 5, minimum=0)
PASSWORD_MAX_AGE_DAYS = env_int("IPENFORCE_PASSWORD_MAX_AGE_DAYS", 0, minimum=0)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "ipenforce.orgs.passwords.CharacterClassesValidator", "OPTIONS": {"min_classes": PASSWORD_MIN_CLASSES}},
    {"NAME": "ipenforce.orgs.passwords.NotUsernameValidator"},
    {"NAME": "ipenforce.orgs.passwords.PasswordHistoryValidator", "OPTIONS": {"count": PASSWORD_HISTORY}},
]
# Password login throttled per account and address, per address and per account (orgs.services.logins); the
# roles behind the permission names of apps below orgs (core's calendar).
AUTHENTICATION_BACKENDS = ["ipenforce.orgs.backends.ThrottledModelBackend",
                           "ipenforce.orgs.backends.RolePermissionBackend"]
LOGIN_FAILURE_LIMIT = env_int("IPENFORCE_LOGIN_FAILURE_LIMIT", 5, minimum=1)
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("IPENFORCE_LOGIN_ADDRESS_FAILURE_LIMIT", 20, minimum=1)
LOGIN_ACCOUNT_FAILURE_LIMIT = env_int("IPENFORCE_LOGIN_ACCOUNT_FAILURE_LIMIT", 50, minimum=1)
LOGIN_LOCKOUT = timedelta(minutes=env_int("IPENFORCE_LOGIN_LOCKOUT_MINUTES", 15, minimum=1))
# The public pages (penalty publicity, no login) answer at most this many requests a minute per address
# (credit.ratelimit, orgs.ratelimit; counted in Django's cache: configure a shared cache when several app servers run).
PUBLIC_RATE_LIMIT = env_int("IPENFORCE_PUBLIC_RATE_LIMIT", 60, minimum=1)
# 直通车: a complaint whose complainant's USCC one of these answers True for goes first (protection.priority; the
# key-enterprise list of programs, which protection may not import).
PROTECTION_PRIORITY_CHECKS = ["ipenforce.programs.selectors.is_key_enterprise"]

# E-mail for notifications (the inbox always has them): sent only when a mail host is configured.
EMAIL_HOST = env_str("IPENFORCE_EMAIL_HOST", "")
EMAIL_PORT = env_int("IPENFORCE_EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("IPENFORCE_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("IPENFORCE_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("IPENFORCE_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = env_str("IPENFORCE_EMAIL_FROM", "ipenforce@localhost")
EMAIL_NOTIFICATIONS = bool(EMAIL_HOST)
SITE_URL = env_str("IPENFORCE_SITE_URL", "http://127.0.0.1:8000").rstrip("/")  # links in e-mails

# Single sign-on (OpenID Connect) through the unified identity platform; on when a client id is configured.
OIDC_RP_CLIENT_ID = env_str("IPENFORCE_OIDC_CLIENT_ID", "")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_RP_CLIENT_SECRET = env_str("IPENFORCE_OIDC_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("IPENFORCE_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = env_str("IPENFORCE_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = env_str("IPENFORCE_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = env_str("IPENFORCE_OIDC_JWKS_ENDPOINT", "") or None
OIDC_RP_SIGN_ALGO = env_str("IPENFORCE_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env_str("IPENFORCE_OIDC_SCOPES", "openid profile")
OIDC_CLAIM = env_str("IPENFORCE_OIDC_CLAIM", "preferred_username")
OIDC_MATCH = env_str("IPENFORCE_OIDC_MATCH", "username")
if OIDC_MATCH not in ("username", "certificate_no"):
    raise ImproperlyConfigured("IPENFORCE_OIDC_MATCH must be username or certificate_no")
OIDC_CREATE_USER = False
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
LOGIN_REDIRECT_URL_FAILURE = "/accounts/login/?sso=failed"
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, "ipenforce.orgs.oidc.IpenforceOIDCBackend"]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workbench:home"
LOGOUT_REDIRECT_URL = "login"

SESSION_COOKIE_AGE = env_int("IPENFORCE_SESSION_MINUTES", 30, minimum=1) * 60
# The age is an idle timeout: orgs.middleware.IdleTimeoutMiddleware pushes the expiry forward when the session is
# used, at most once every SESSION_IDLE_REFRESH seconds (not a session write on every request).
SESSION_IDLE_REFRESH = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_COOKIES = env_bool("IPENFORCE_SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
BEHIND_TLS_PROXY = env_bool("IPENFORCE_BEHIND_TLS_PROXY", False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# HSTS is sent on answers over TLS only (SecurityMiddleware); behind the TLS proxy plain HTTP is redirected.
SECURE_HSTS_SECONDS = env_int("IPENFORCE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("IPENFORCE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("IPENFORCE_HSTS_PRELOAD", False)
# Submitting the domain to the browsers' preload list is the domain owner's decision, not the application's.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_SSL_REDIRECT = env_bool("IPENFORCE_SSL_REDIRECT", BEHIND_TLS_PROXY)
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp): scripts, styles, fonts and images from this site only, no inline script,
# no framing. Style attributes stay allowed (progress bars, the agency tree's indent, chart sizes); <style>
# elements do not. blob: images are the phone app's previews of photos kept on the device (URL.createObjectURL);
# its service worker (/m/sw.js) is same-origin, allowed by worker-src 'self'.
CONTENT_SECURITY_POLICY = {"DIRECTIVES": {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "style-src-elem": ["'self'"],
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}}

# The audit chain's HMAC key and the anchor file live outside the database (see README, Security).
AUDIT_KEY = env_str("IPENFORCE_AUDIT_KEY", "")
AUDIT_ANCHOR_DIR = Path(env_str("IPENFORCE_AUDIT_ANCHOR_DIR", str(VAR_DIR / "audit-anchors")))

API_TOKEN_DAYS = env_int("IPENFORCE_API_TOKEN_DAYS", 90, minimum=1)
WORK_ITEM_DUE_SOON_DAYS = env_int("IPENFORCE_DUE_SOON_DAYS", 3, minimum=0)
CERTIFICATE_WARNING_DAYS = env_int("IPENFORCE_CERTIFICATE_WARNING_DAYS", 30, minimum=1)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("IPENFORCE_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_ROOT = Path(env_str("IPENFORCE_MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "media/"
# Evidence, documents and templates: local disk under MEDIA_ROOT, or S3-compatible object storage when a bucket
# is configured (needs the optional dependency: pip install "ipenforce[s3]").
S3_BUCKET = env_str("IPENFORCE_S3_BUCKET", "")
DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if S3_BUCKET:
    DEFAULT_STORAGE = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "bucket_name": S3_BUCKET,
        "endpoint_url": env_str("IPENFORCE_S3_ENDPOINT_URL", "") or None,
        "region_name": env_str("IPENFORCE_S3_REGION", "") or None,
        "access_key": env_str("IPENFORCE_S3_ACCESS_KEY", "") or None,
        "secret_key": env_str("IPENFORCE_S3_SECRET_KEY", "") or None,
        "default_acl": "private", "querystring_auth": True, "file_overwrite": False,
    }}
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# List exports with more rows than this run as a background task (the worker) instead of in the request.
EXPORT_SYNC_ROWS = env_int("IPENFORCE_EXPORT_SYNC_ROWS", 2000, minimum=1)
# A queued or running export with no progress for this long lost its worker and may be retried.
EXPORT_STALE_AFTER = timedelta(minutes=env_int("IPENFORCE_EXPORT_STALE_MINUTES", 10, minimum=1))

# Evidence uploads: the size limit and the types accepted, detected from the bytes (not the name).
EVIDENCE_MAX_BYTES = env_int("IPENFORCE_EVIDENCE_MAX_MB", 50, minimum=1) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
EVIDENCE_ALLOWED_TYPES = set(env_list("IPENFORCE_EVIDENCE_TYPES", [
    "image/jpeg", "image/png", "image/gif", "image/webp", "image/tiff", "application/pdf", "video/mp4", "video/webm",
    "video/quicktime", "audio/mpeg", "audio/x-wav", "audio/mp4", "application/zip",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
]))

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

RULES_DIR = BASE_DIR / "rules"

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 500

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("IPENFORCE_LOG_LEVEL", "INFO")},
}
