"""Render every public page many times through Django's test client.

Prints, per page, the median and 95th-percentile server time in milliseconds and the
number of SQL queries, on a throwaway database holding the real plan and reference data,
published statuses for all 18 projects × 5 years, actuals for all 9 indicators × 7 years,
33 bodies and the usage of all 34 centres × 7 years.

    make bench            # or: .venv/bin/python bench/pages.py --repeat 200
"""

import argparse
import io
import statistics
import time

from django.core.management import call_command
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from support import benchmark_database, percentile

PAGES = [
    "/",
    "/plan/",
    "/plan/policies/1/",
    "/plan/projects/11/",
    "/about/",
    "/indicators/",
    "/indicators/0-1/",
    "/bodies/",
    "/bodies/真柴まちづくり協議会/",
    "/centers/",
    "/centers/真柴市民センター/",
    "/open-data/",
    "/open-data/plan.json",
    "/open-data/projects.csv",
    "/open-data/project-status.csv",
    "/open-data/indicators.json",
]


def record_everything():
    from centers.models import CenterUsage, CivicCenter
    from indicators.models import Indicator, IndicatorValue
    from plans.models import Project, ProjectYearStatus

    call_command("load_reference_data", stdout=io.StringIO())
    call_command("load_sample_data", stdout=io.StringIO())  # 33 bodies, usage FY2022–2025
    ProjectYearStatus.objects.all().delete()
    IndicatorValue.objects.filter(is_computed=False).delete()
    for center in CivicCenter.objects.all():
        for year in range(2026, 2029):
            CenterUsage.objects.create(center=center, fiscal_year=year, visits=12_000)

    now = timezone.now()
    for project in Project.objects.all():
        for year in range(2024, 2029):
            ProjectYearStatus.objects.create(
                project=project,
                fiscal_year=year,
                evaluation="B",
                activities="実施状況の記入例。" * 10,
                results="成果の記入例。" * 5,
                is_published=True,
                published_at=now,
            )
    for indicator in Indicator.objects.all():
        for year in range(2022, 2029):
            IndicatorValue.objects.get_or_create(
                indicator=indicator, fiscal_year=year, defaults={"value": indicator.target_value}
            )


def measure(client, connection, url, repeat):
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
    return statistics.median(timings), percentile(timings, 0.95), len(queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    with benchmark_database() as connection:
        record_everything()
        client = Client()
        print(f"Public pages, {args.repeat} renders each, test client, {connection.vendor}")
        print(f"{'page':<32}{'median ms':>10}{'p95 ms':>10}{'queries':>9}")
        for url in PAGES:
            median, p95, queries = measure(client, connection, url, args.repeat)
            print(f"{url:<32}{median:>10.2f}{p95:>10.2f}{queries:>9}")


if __name__ == "__main__":
    main()
