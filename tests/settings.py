"""Settings for the test suite: the real settings module, read with test environment defaults.

The database comes from DATABASE_URL as in production (CI points it at PostgreSQL); only
speed-ups and the outside world (e-mail) are changed here.
"""

import hashlib
import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-not-secret")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("KUMPPANI_BASE_URL", "http://127.0.0.1:8000")
# One folder per checkout, so that two clones (or git worktrees) can run their suites at once.
os.environ.setdefault(
    "KUMPPANI_VAR_DIR",
    os.path.join(
        tempfile.gettempdir(),
        "kumppani-tests-var-"
        + hashlib.sha256(os.path.dirname(os.path.dirname(os.path.abspath(__file__))).encode()).hexdigest()[
            :10
        ],
    ),
)
# Playwright's sync API runs an event loop in the test thread (stack-notes.md).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from config.settings import *  # noqa: F403
from config.settings import INSTALLED_APPS, STORAGES

# The demo seeder's and the benchmark's tests run whatever DEBUG is.
if "devtools" not in INSTALLED_APPS:
    INSTALLED_APPS = [*INSTALLED_APPS, "devtools"]

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory, so that a real Celery worker in another process sees the test data.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}  # noqa: F405

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# whitenoise's manifest makes live_server answer 404 for hashed files (stack-notes.md).
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
# Serve static files through the finders, as runserver does; no collectstatic in tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
CELERY_TASK_ALWAYS_EAGER = False
CELERY_BROKER_URL = "memory://"
# Each test process has its own cache (the production default is a folder every process shares).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
