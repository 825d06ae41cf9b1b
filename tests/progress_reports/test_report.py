"""The yearly 進捗状況報告書: what it shows, in which order, and only what is public."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.utils import timezone

from centers.models import CenterUsage, CivicCenter, ManagementPeriod
from councils.models import Activity, AnnualReport, CollaborationBody
from indicators.models import Indicator, IndicatorValue
from plans.models import Project, ProjectYearStatus

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def publish(number, year=YEAR, **fields):
    defaults = {"evaluation": "B", "is_published": True, "published_at": timezone.now()}
    return ProjectYearStatus.objects.create(
        project=Project.objects.get(number=number), fiscal_year=year, **{**defaults, **fields}
    )


def page(client, year=YEAR, **params):
    response = client.get(f"/reports/{year}/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_index_lists_each_plan_year_that_has_begun(client):
    html = client.get("/reports/").content.decode()
    assert "令和8年度（2026年度）の進捗状況報告書" in html
    assert "令和6年度（2024年度）の進捗状況報告書" in html
    assert "令和9年度" not in html


@pytest.mark.parametrize("year", [2023, 2027, 2029])
def test_years_outside_the_plan_or_not_yet_begun_are_404(client, year):
    assert client.get(f"/reports/{year}/").status_code == 404


def test_it_follows_the_plan_order_in_wareki(client):
    html = page(client)
    assert "<h1>令和7年度（2025年度） 進捗状況報告書</h1>" in html
    headings = re.findall(r'<h2 id="policy-(\d)-heading">', html)
    assert headings == ["1", "2", "3"]
    projects = [int(n) for n in re.findall(r'<h4 id="project-(\d+)-heading">', html)]
    assert projects == list(range(1, 19))


def test_each_project_shows_its_planned_phase_evaluation_and_texts(client):
    publish(7, evaluation="A", activities="交流会を3回開いた。", issues="若い世代の参加が少ない。")
    html = page(client)
    block = html.split('id="project-7-heading"')[1].split("</article>")[0]
    assert "計画上の実施区分" in block and '<dd class="col-sm-9">実施</dd>' in block
    assert "A 計画どおり" in block
    assert "交流会を3回開いた。" in block and "若い世代の参加が少ない。" in block
    other = html.split('id="project-8-heading"')[1].split("</article>")[0]
    assert "未公開（この年度の状況はまだ公開されていません）" in other


def test_unpublished_statuses_and_other_years_stay_out(client):
    ProjectYearStatus.objects.create(
        project=Project.objects.get(number=3), fiscal_year=YEAR, evaluation="D",
        activities="下書きの文",
    )  # fmt: skip
    publish(4, year=2024, activities="前年度の文")
    html = page(client)
    assert "下書きの文" not in html
    assert "前年度の文" not in html


def test_each_indicator_shows_baseline_latest_actual_target_status_and_a_chart(client):
    indicator = Indicator.objects.get(code="1-1")
    IndicatorValue.objects.create(indicator=indicator, fiscal_year=2024, value=7000)
    IndicatorValue.objects.create(indicator=indicator, fiscal_year=2026, value=99999)
    html = page(client)
    block = html.split('id="indicator-1-1-heading"')[1].split("</article>")[0]
    assert "現状値（令和4年度）" in block
    assert "実績（令和6年度）" in block and "7,000" in block
    assert "99,999" not in html  # a later year's actual is not part of this year's report
    assert "目標値（令和10年度）" in block
    assert 'class="status-badge' in block
    assert '<svg class="chart" role="img" aria-labelledby="chart-1-1-title chart-1-1-desc"' in block


def test_it_summarises_the_accepted_body_reports_and_their_activities(client):
    bodies = CollaborationBody.objects.order_by("pk")
    accepted = AnnualReport.objects.create(
        body=bodies[0], fiscal_year=YEAR, status="受理", accepted_at=timezone.now(),
        overall_level="進んでいる",
    )  # fmt: skip
    Activity.objects.create(report=accepted, title="防災訓練", participants=120)
    draft = AnnualReport.objects.create(body=bodies[1], fiscal_year=YEAR, status="提出済")
    Activity.objects.create(report=draft, title="未受理", participants=999)
    html = page(client)
    section = html.split('id="bodies"')[1].split("</section>")[0]
    total = CollaborationBody.objects.count()
    assert f"1／{total}団体" in section
    assert "120" in section and "999" not in section


def test_it_shows_how_the_civic_centres_were_managed_that_year(client):
    center = CivicCenter.objects.get(name="真柴市民センター")
    ManagementPeriod.objects.filter(center=center).delete()
    ManagementPeriod.objects.create(
        center=center, kind="指定管理", manager_note="真柴まちづくり協議会", first_fiscal_year=2020
    )
    CenterUsage.objects.create(center=center, fiscal_year=YEAR, visits=12345)
    html = page(client)
    section = html.split('id="centers"')[1].split("</section>")[0]
    row = section.split("真柴市民センター")[1].split("</tr>")[0]
    assert "指定管理" in row and "真柴まちづくり協議会" in row and "12,345" in row


def test_the_report_is_laid_out_for_a4_with_a_page_per_policy(client):
    html = page(client)
    assert html.count('class="report-policy"') == 5  # 3 policies, bodies, centres
    css = Path(finders.find("css/portal.css")).read_text()
    assert "size: A4" in css
    assert re.search(r"\.report-policy\s*\{\s*break-before: page;", css)


def test_it_is_served_in_english_with_english_names(client):
    publish(7, evaluation="A")
    response = client.get(f"/en/reports/{YEAR}/")
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Progress report" in html
    assert '<span lang="en" class="english-name">' in html
    block = html.split('id="project-7-heading"')[1].split("</article>")[0]
    assert "計画どおり" not in block  # the UI's words are translated, plan titles are not
    assert "市民がつながる交流の場の充実" in block


def test_public_report_pages_cost_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for number in range(1, 19):
        publish(number)
    for indicator in Indicator.objects.all():
        IndicatorValue.objects.create(indicator=indicator, fiscal_year=YEAR, value=1)
    with django_assert_max_num_queries(26):  # with the cached pages' version
        page(client)
