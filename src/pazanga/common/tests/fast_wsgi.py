"""The production WSGI application with the test suite's two shortcuts (see src/conftest.py):
a fast password hasher and static files served without collecting them first. Used by
tests that start real gunicorn workers and would otherwise spend their time hashing."""

import os

from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

from django.template.loader import get_template  # noqa: E402
from django.urls import get_resolver  # noqa: E402
from django.utils import translation  # noqa: E402

from config.wsgi import application  # noqa: E402

# Run with --preload, this imports every view and loads the login page's template and
# catalogue once in the master, so that forked workers answer their first request at once.
get_resolver().url_patterns  # noqa: B018
with translation.override("lt"):
    get_template("account/login.html")

__all__ = ["application"]
