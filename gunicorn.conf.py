"""gunicorn's settings; gunicorn reads this file from the folder it starts in (the
repository's root, as in the README). Command-line options still apply on top."""

import os
import sys


def on_starting(server):  # type: ignore[no-untyped-def]
    """Read the settings once in the master, before any socket or worker exists.

    A configuration error (no SECRET_KEY in production, a bad DATABASE_URL) then stops
    start-up with one line and exit code 2, instead of workers failing one by one.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        settings.SECRET_KEY  # noqa: B018 (reading it loads and validates every setting)
    except ImproperlyConfigured as error:
        sys.stderr.write(f"Configuration error: {error}\n")
        sys.exit(2)
