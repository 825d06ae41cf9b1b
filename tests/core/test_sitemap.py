"""/sitemap.xml: both languages of each page, when its content last changed, the surveys."""

import datetime
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from councils.models import AnnualReport, CollaborationBody
from indicators.models import Indicator, IndicatorValue
from indicators.services import ActualSource, actual_set
from plans.models import Project, ProjectYearStatus
from plans.services import statuses_set_published
from progress_reports.models import FrozenReport
from tests.core.test_query_counts import record_years

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
SITE = "http://testserver"
SITEMAP_QUERIES = 9


def sitemap(client):
    """{loc: {"lastmod": …, "alternates": {hreflang: href}}} of every entry."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    entries = {}
    root = ET.fromstring(response.content)  # noqa: S314 - the portal's own response
    for url in root.findall("s:url", NS):
        loc = url.findtext("s:loc", namespaces=NS)
        assert loc not in entries
        entries[loc] = {
            "lastmod": url.findtext("s:lastmod", namespaces=NS),
            "alternates": {
                link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
            },
        }
    return entries


def at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def published_status(number, year, *, updated):
    status = ProjectYearStatus.objects.create(
        project=Project.objects.get(number=number), fiscal_year=year, evaluation="B"
    )
    statuses_set_published(statuses=[status], published=True, user=None)
    ProjectYearStatus.objects.filter(pk=status.pk).update(updated_at=at(updated))
    return status


def test_it_lists_each_page_in_japanese_and_english_naming_both(client):
    entries = sitemap(client)
    both = {
        "ja": f"{SITE}/plan/projects/7/",
        "en": f"{SITE}/en/plan/projects/7/",
        "x-default": f"{SITE}/plan/projects/7/",
    }
    assert entries[f"{SITE}/plan/projects/7/"]["alternates"] == both
    assert entries[f"{SITE}/en/plan/projects/7/"]["alternates"] == both
    assert entries[f"{SITE}/"]["alternates"]["en"] == f"{SITE}/en/"
    japanese = [loc for loc in entries if not loc.startswith(f"{SITE}/en/")]
    english = [loc for loc in entries if loc.startswith(f"{SITE}/en/")]
    assert len(japanese) == len(english)
    assert all(set(entry["alternates"]) == {"ja", "en", "x-default"} for entry in entries.values())


def test_a_project_is_dated_by_its_latest_published_status(client):
    published_status(11, 2024, updated=datetime.date(2025, 6, 1))
    published_status(11, 2025, updated=datetime.date(2026, 5, 20))
    draft = ProjectYearStatus.objects.create(
        project=Project.objects.get(number=12), fiscal_year=2024, evaluation="C"
    )
    ProjectYearStatus.objects.filter(pk=draft.pk).update(updated_at=at(datetime.date(2026, 7, 1)))
    entries = sitemap(client)
    assert entries[f"{SITE}/plan/projects/11/"]["lastmod"] == "2026-05-20"
    assert entries[f"{SITE}/en/plan/projects/11/"]["lastmod"] == "2026-05-20"
    assert entries[f"{SITE}/plan/projects/12/"]["lastmod"] is None  # a draft is not public
    assert entries[f"{SITE}/plan/projects/1/"]["lastmod"] is None


def test_an_indicator_is_dated_by_its_latest_actual(client):
    indicator = Indicator.objects.get(code="1-1")
    for year, day in ((2023, datetime.date(2024, 7, 1)), (2024, datetime.date(2025, 7, 1))):
        actual = actual_set(
            indicator=indicator, fiscal_year=year, value=Decimal(5), source=ActualSource.STAFF
        )
        IndicatorValue.objects.filter(pk=actual.pk).update(updated_at=at(day))
    entries = sitemap(client)
    assert entries[f"{SITE}/indicators/1-1/"]["lastmod"] == "2025-07-01"
    without_actuals = Indicator.objects.filter(values__isnull=True)
    assert without_actuals
    for other in without_actuals:
        assert entries[SITE + other.get_absolute_url()]["lastmod"] is None


def test_it_lists_the_survey_of_each_year_with_accepted_reports(client):
    bodies = list(CollaborationBody.objects.order_by("pk")[:3])
    AnnualReport.objects.create(
        body=bodies[0], fiscal_year=2024, status="受理", accepted_at=at(datetime.date(2025, 5, 1))
    )
    AnnualReport.objects.create(
        body=bodies[1], fiscal_year=2024, status="受理", accepted_at=at(datetime.date(2025, 6, 2))
    )
    AnnualReport.objects.create(body=bodies[2], fiscal_year=2025, status="提出済")
    entries = sitemap(client)
    assert entries[f"{SITE}/bodies/survey/2024/"]["lastmod"] == "2025-06-02"
    assert entries[f"{SITE}/en/bodies/survey/2024/"]["alternates"]["ja"] == (
        f"{SITE}/bodies/survey/2024/"
    )
    assert not [loc for loc in entries if "/bodies/survey/2025/" in loc]  # nothing accepted


def test_a_frozen_report_is_dated_by_its_freezing(client):
    frozen = FrozenReport.objects.create(fiscal_year=2024, data={})
    entries = sitemap(client)
    expected = timezone.localtime(frozen.frozen_at).date().isoformat()
    assert entries[f"{SITE}/reports/2024/"]["lastmod"] == expected
    assert entries[f"{SITE}/reports/2025/"]["lastmod"] is None  # drawn from today's data


def test_it_shows_rows_added_after_an_earlier_request(client):
    sitemap(client)
    body = CollaborationBody.objects.order_by("pk").first()
    body.pk = None
    body.name, body.slug = "新しい協働体", "新しい協働体"
    body.save()
    assert f"{SITE}/bodies/%E6%96%B0%E3%81%97%E3%81%84%E5%8D%94%E5%83%8D%E4%BD%93/" in sitemap(
        client
    )


def test_it_answers_within_its_query_budget(client, django_assert_max_num_queries):
    record_years(range(2024, 2029))
    FrozenReport.objects.create(fiscal_year=2024, data={})
    with django_assert_max_num_queries(SITEMAP_QUERIES):
        entries = sitemap(client)
    assert entries[f"{SITE}/bodies/survey/2028/"]["lastmod"]


def test_its_query_count_does_not_grow_with_the_data(client):
    record_years([2024])
    with CaptureQueriesContext(connection) as one_year:
        sitemap(client)
    record_years(range(2024, 2029))
    with CaptureQueriesContext(connection) as five_years:
        sitemap(client)
    assert len(five_years) == len(one_year)


def test_robots_points_to_the_sitemap(client):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert f"Sitemap: {SITE}/sitemap.xml" in lines


def test_a_processs_own_page_cache_holds_every_page_of_the_sitemap_twice_over(client):
    """Without Redis each worker keeps its pages in memory; a cache smaller than the site
    keeps evicting the pages it is about to serve (Django's default holds 300)."""
    from django.core.cache import cache

    pages = sum(len(entry["alternates"]) or 1 for entry in sitemap(client).values())
    assert pages > 300  # each page in Japanese and in English
    assert cache._max_entries >= 2 * pages
