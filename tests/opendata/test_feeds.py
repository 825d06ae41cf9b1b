import pytest
from django.utils import timezone

from councils.models import Activity, AnnualReport, CollaborationBody
from indicators.models import Indicator, IndicatorValue
from plans.models import Project, ProjectYearStatus

pytestmark = pytest.mark.django_db


def status(number, year, published, text):
    return ProjectYearStatus.objects.create(
        project=Project.objects.get(number=number), fiscal_year=year, evaluation="B",
        activities=text, is_published=published,
        published_at=timezone.now() if published else None,
    )  # fmt: skip


def test_the_status_feed_is_atom_and_carries_only_published_statuses(client):
    status(3, 2024, True, "講座を3回開いた。")
    status(4, 2024, False, "下書きの内容")
    response = client.get("/open-data/feeds/statuses.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "講座を3回開いた。" in body and "下書きの内容" not in body
    assert "事業3 学習機会の提供 令和6年度 — B 概ね計画どおり" in body


def test_a_project_feed_has_that_project_only(client):
    status(3, 2024, True, "事業3の文")
    status(5, 2024, True, "事業5の文")
    body = client.get("/open-data/feeds/projects/3.atom").content.decode()
    assert "事業3の文" in body and "事業5の文" not in body
    assert client.get("/open-data/feeds/projects/99.atom").status_code == 404


def test_the_actual_feed_lists_values(client):
    IndicatorValue.objects.create(
        indicator=Indicator.objects.get(code="1-2"), fiscal_year=2024, value=50
    )
    body = client.get("/open-data/feeds/actuals.atom").content.decode()
    assert "1-2 まちづくりスタッフバンクの登録者数：令和6年度 50人" in body


def test_the_report_feed_has_accepted_reports_that_agreed_to_publish(client):
    body = CollaborationBody.objects.get(name="興田地区振興会")
    report = AnnualReport.objects.create(
        body=body, fiscal_year=2024, status="受理", accepted_at=timezone.now()
    )
    Activity.objects.create(report=report, title="運動会")
    AnnualReport.objects.create(body=CollaborationBody.objects.get(name="真柴まちづくり協議会"),
                                fiscal_year=2024, status="提出済")  # fmt: skip
    feed = client.get("/open-data/feeds/reports.atom").content.decode()
    assert "興田地区振興会 令和6年度の報告" in feed and "活動 1件" in feed
    assert "真柴まちづくり協議会 令和6年度" not in feed


def test_pages_point_to_their_feeds(client):
    html = client.get("/plan/projects/3/").content.decode()
    assert 'type="application/atom+xml"' in html
    assert 'href="/open-data/feeds/projects/3.atom"' in html


def test_feeds_cost_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for year in (2022, 2023, 2024):
        for indicator in Indicator.objects.all():
            IndicatorValue.objects.create(indicator=indicator, fiscal_year=year, value=1)
    with django_assert_max_num_queries(3):
        client.get("/open-data/feeds/actuals.atom")
    with django_assert_max_num_queries(3):
        client.get("/open-data/feeds/reports.atom")
