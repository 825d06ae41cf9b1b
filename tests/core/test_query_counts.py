"""Public pages cost a fixed number of queries, however much data the city records.

Each budget counts the one query that reads the version of the cached pages
(core/cache.py).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from centers.models import CenterUsage, CivicCenter
from councils.models import Activity, AnnualReport, CollaborationBody, District
from indicators.models import Indicator, IndicatorValue
from plans.models import Project, ProjectYearStatus

pytestmark = pytest.mark.django_db

PAGES = {
    "/": 9,
    "/plan/": 11,
    "/plan/policies/1/": 13,
    "/plan/projects/11/": 9,
    "/about/": 8,
    "/indicators/": 5,
    "/indicators/1-1/": 7,
    "/bodies/": 6,
    "/bodies/真柴まちづくり協議会/": 10,
    "/centers/": 7,
    "/centers/真柴市民センター/": 7,
    "/regions/": 5,
    "/regions/一関/": 13,
    "/bodies/survey/2024/": 11,
    "/open-data/": 4,
    "/reports/": 5,
    "/reports/2025/": 26,
    "/open-data/bodies.csv": 2,
    "/open-data/centers.csv": 4,
    "/open-data/center-usage.json": 2,
    "/open-data/plan.json": 11,
    "/open-data/projects.csv": 5,
    "/open-data/project-status.csv": 3,
    "/open-data/indicators.csv": 3,
    "/open-data/indicator-values.json": 2,
}


def record_years(years):
    """Published statuses for all 18 projects, actuals for all 9 indicators, 33 bodies and
    usage of all 34 centres."""
    districts = District.objects.exclude(pk__in=CollaborationBody.objects.values("district"))
    for district in districts[: 33 - CollaborationBody.objects.count()]:
        CollaborationBody.objects.create(
            name=f"{district.name}地区の協働体", slug=f"{district.name}-body", region=district.region,
            district=district,
        )  # fmt: skip
    for center in CivicCenter.objects.all():
        for year in years:
            CenterUsage.objects.update_or_create(
                center=center, fiscal_year=year, defaults={"visits": 10_000}
            )
    mashiba = CollaborationBody.objects.get(name="真柴まちづくり協議会")
    for year in years:
        report, _ = AnnualReport.objects.update_or_create(
            body=mashiba,
            fiscal_year=year,
            defaults={"status": "受理", "accepted_at": timezone.now()},
        )
        if not report.activities.exists():
            for title in ("夏まつり", "防災訓練"):
                Activity.objects.create(report=report, title=title, held_on=f"{year}-08-01")
    for project in Project.objects.all():
        for year in years:
            ProjectYearStatus.objects.update_or_create(
                project=project,
                fiscal_year=year,
                defaults={
                    "evaluation": "B",
                    "activities": "実施しました。",
                    "is_published": True,
                    "published_at": timezone.now(),
                },
            )
    for indicator in Indicator.objects.all():
        for year in [2022, *years]:
            IndicatorValue.objects.update_or_create(
                indicator=indicator, fiscal_year=year, defaults={"value": indicator.target_value}
            )


@pytest.mark.parametrize(("url", "max_queries"), PAGES.items())
def test_it_answers_within_its_query_budget(
    client, django_assert_max_num_queries, url, max_queries
):
    record_years(range(2024, 2029))
    with django_assert_max_num_queries(max_queries):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", PAGES)
def test_query_counts_do_not_grow_with_more_years(
    client, django_capture_on_commit_callbacks, settings, url
):
    settings.PUBLIC_PAGE_CACHE = False  # both visits render (some pages read no yearly data)
    record_years([2024])
    with CaptureQueriesContext(connection) as one_year:
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):  # as a commit would
        record_years(range(2024, 2029))
    with CaptureQueriesContext(connection) as five_years:
        client.get(url)
    assert len(five_years) == len(one_year)
