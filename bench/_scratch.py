"""Start Django for a benchmark on a throw-away SQLite database (the benchmarks' shared set-up)."""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start_django_on_scratch_database() -> Path:
    """Configure settings for a fresh SQLite file in a temporary folder and set Django up."""
    folder = Path(tempfile.mkdtemp())
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DEBUG", "1")
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
    os.environ["SECURE_SSL_REDIRECT"] = "0"
    import django

    django.setup()
    return folder
