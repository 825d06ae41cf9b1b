"""What every benchmark needs: Django set up and a throwaway database with the plan."""

import contextlib
import io
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ichinoseki_kyodo.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-secret-key")
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402


@contextlib.contextmanager
def benchmark_database():
    """A fresh test database holding the real plan; dropped afterwards."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_AUTOREFRESH = True
    settings.WHITENOISE_USE_FINDERS = True
    # Not setup_test_environment(): its template instrumentation would slow every render.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("load_plan", stdout=io.StringIO())
        yield connection
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def percentile(sorted_values, share):
    return sorted_values[max(0, int(len(sorted_values) * share) - 1)]
