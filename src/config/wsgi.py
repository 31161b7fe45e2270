import os
import sys

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
try:
    application = get_wsgi_application()
except ImproperlyConfigured as error:
    # One line instead of a traceback per worker. Exit code 4 is what gunicorn's master
    # reads as "the application cannot be loaded": it stops instead of restarting workers.
    sys.stderr.write(f"Configuration error: {error}\n")
    raise SystemExit(4) from None
