"""The report as XLSX: for city staff only, with every part of the report on its own sheet."""

import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from indicators.models import Indicator, IndicatorValue
from plans.models import Project, ProjectYearStatus

from .conftest import YEAR

pytestmark = pytest.mark.django_db
URL = f"/reports/{YEAR}/report.xlsx"


def workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return load_workbook(io.BytesIO(response.content))


def test_staff_download_every_part_of_the_report(client, city_viewer):
    ProjectYearStatus.objects.create(
        project=Project.objects.get(number=9), fiscal_year=YEAR, evaluation="C",
        activities="=HYPERLINK(\"http://example.com\")", is_published=True,
        published_at=timezone.now(),
    )  # fmt: skip
    IndicatorValue.objects.create(
        indicator=Indicator.objects.get(code="2-1"), fiscal_year=YEAR, value=5000
    )
    client.force_login(city_viewer)
    book = workbook(client.get(URL))
    assert book.sheetnames == ["表紙", "事業", "成果指標", "地域協働体", "市民センター"]
    assert "令和7年度（2025年度） 進捗状況報告書" in book["表紙"]["A1"].value

    projects = list(book["事業"].iter_rows(values_only=True))
    assert len(projects) == 1 + 18
    row = next(r for r in projects if r[2] == 9)
    assert row[6] == "C 遅れている"
    assert row[7] == '\'=HYPERLINK("http://example.com")'  # text, never a formula

    indicators = list(book["成果指標"].iter_rows(values_only=True))
    header, rows = indicators[0], {r[0]: r for r in indicators[1:]}
    assert len(rows) == Indicator.objects.count()
    assert rows["2-1"][header.index("最新の実績")] == 5000
    assert rows["2-1"][header.index("令和7年度")] == 5000
    assert rows["1-1"][header.index("状況")] == "未集計"
    assert rows["1-1"][header.index("最新の実績")] is None  # 未集計 is empty, never 0

    centres = list(book["市民センター"].iter_rows(values_only=True))
    assert len(centres) > 30


def test_the_public_and_body_reporters_cannot_download_it(client, django_user_model):
    response = client.get(URL)
    assert response.status_code == 302 and "/admin/login/" in response.url
    user = django_user_model.objects.create_user("citizen", password="correct horse battery")
    client.force_login(user)
    assert client.get(URL).status_code == 403


def test_the_download_link_is_shown_to_staff_only(client, city_viewer):
    assert "report.xlsx" not in client.get(f"/reports/{YEAR}/").content.decode()
    client.force_login(city_viewer)
    assert "report.xlsx" in client.get(f"/reports/{YEAR}/").content.decode()


def test_a_frozen_year_downloads_as_frozen_unless_current_is_asked_for(client, city_editor):
    status = ProjectYearStatus.objects.create(
        project=Project.objects.get(number=9), fiscal_year=YEAR, evaluation="C",
        activities="確定時の文", is_published=True, published_at=timezone.now(),
    )  # fmt: skip
    client.force_login(city_editor)
    client.post(f"/reports/{YEAR}/freeze/", {"confirm": "on"})
    status.activities = "訂正後の文"
    status.save()

    def activities_of_project_9(response):
        rows = workbook(response)["事業"].iter_rows(values_only=True)
        return next(r for r in rows if r[2] == 9)[7]

    frozen = client.get(URL)
    assert "frozen" in frozen["Content-Disposition"]
    assert activities_of_project_9(frozen) == "確定時の文"
    assert activities_of_project_9(client.get(URL, {"version": "current"})) == "訂正後の文"
