"""Render every public page many times through Django's test client.

Prints, per page, the median and 95th-percentile server time in milliseconds and the
number of SQL queries. Runs on a throwaway database holding the real plan and four
years of actuals for every indicator.

    make bench            # or: .venv/bin/python bench/pages.py --repeat 200
"""

import argparse
import io
import os
import statistics
import sys
import time
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
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)

PAGES = [
    "/",
    "/plan/",
    "/plan/policies/1/",
    "/plan/projects/11/",
    "/about/",
    "/open-data/",
    "/open-data/plan.json",
    "/open-data/projects.csv",
]


def add_actuals():
    from indicators.models import Indicator, IndicatorValue

    for indicator in Indicator.objects.all():
        for year in range(2022, 2026):
            IndicatorValue.objects.get_or_create(
                indicator=indicator, fiscal_year=year, defaults={"value": indicator.target_value}
            )


def measure(client: Client, url: str, repeat: int) -> tuple[float, float, int]:
    client.get(url)  # warm caches (templates, translations)
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    timings.sort()
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    return statistics.median(timings), p95, len(queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_AUTOREFRESH = True
    settings.WHITENOISE_USE_FINDERS = True
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("load_plan", stdout=io.StringIO())
        add_actuals()
        client = Client()
        vendor = connection.vendor
        print(f"Public pages, {args.repeat} renders each, test client, {vendor} database")
        print(f"{'page':<28}{'median ms':>10}{'p95 ms':>10}{'queries':>9}")
        for url in PAGES:
            median, p95, queries = measure(client, url, args.repeat)
            print(f"{url:<28}{median:>10.2f}{p95:>10.2f}{queries:>9}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
