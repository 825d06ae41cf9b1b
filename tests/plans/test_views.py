"""The public plan pages: what a citizen sees, and how many queries it costs."""

from decimal import Decimal

import pytest

from indicators.models import Indicator, IndicatorValue
from plans.models import Plan, Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def actuals():
    """Four years of actuals for every indicator, as the city will have by FY2025."""
    for indicator in Indicator.objects.all():
        for year in range(2022, 2026):
            IndicatorValue.objects.create(
                indicator=indicator, fiscal_year=year, value=indicator.target_value
            )


def test_the_home_page_shows_the_plan_at_a_glance(client):
    html = client.get("/").content.decode()
    assert "<h1>第3次一関市協働推進計画</h1>" in html
    assert "わっしょい みんなでかつごう いちのせき" in html
    assert "協働の仕組みが実践される住み良い地域社会を創る" in html
    assert "令和6年度（2024年度）から令和10年度（2028年度）まで（5年間）" in html
    assert "令和6年3月" in html
    for title in ["協働のための人づくり", "協働のための環境づくり", "協働のための仕組みづくり"]:
        assert title in html


def test_the_home_page_lists_all_nine_indicators_as_not_yet_recorded(client):
    html = client.get("/").content.decode()
    assert html.count('id="indicator-') == 9
    assert html.count('<span class="unrecorded">未集計</span>') == 9
    assert "市民1人当たりの市民センター利用回数" in html
    assert "3.77" in html and "4.23" in html
    assert "7,033" in html and "10,000" in html
    assert "現状値なし" in html  # 1-3 has no baseline


def test_the_home_page_shows_the_latest_actual_once_recorded(client):
    indicator = Indicator.objects.get(code="1-1")
    IndicatorValue.objects.create(indicator=indicator, fiscal_year=2024, value=Decimal("8123"))
    html = client.get("/").content.decode()
    assert "8,123" in html
    assert html.count('<span class="unrecorded">未集計</span>') == 8


def test_the_chart_page_is_an_accessible_table_of_all_projects(client):
    html = client.get("/plan/").content.decode()
    assert "<caption" in html and 'scope="col"' in html
    for number in range(1, 19):
        assert f'href="/plan/projects/{number}/"' in html
    assert "⑦市民が市民とつながる交流の場" in html
    assert "⑬地域協働体への財政的支援" in html
    # The plan's arrows are drawn, and spelled out for screen readers.
    assert '<span aria-hidden="true">→</span>' in html
    assert "前年度と同じ（検討）" in html
    assert "先導的に取り組む" in html


def test_a_policy_page_shows_its_measures_objectives_projects_and_indicators(client):
    html = client.get("/plan/policies/3/").content.decode()
    assert "基本方針3 協働のための仕組みづくり" in html
    assert "(4) 事業形態の選択活用" in html
    assert "①" in html
    assert "いちのせき市民活動センターなどを中間支援組織として位置付け" in html
    assert "事業18 地域による市民センターの管理" in html
    assert "チーム会議の開催数" in html
    assert "輪っしょい!!WEBへの年間アクセス数" not in html


def test_a_project_page_shows_everything_the_plan_says(client):
    html = client.get("/plan/projects/13/").content.decode()
    assert "事業13 地域づくり交付金などによる支援" in html
    assert "⑬地域協働体への財政的支援" in html
    assert "継続" in html
    assert "地域づくり交付金及び自治会等活動費総合補助金による支援を行います。" in html
    assert "(2) 行政等の支援" in html
    assert 'rel="prev"' in html and "事業12" in html
    assert 'rel="next"' in html and "事業14" in html


def test_the_first_and_last_projects_have_one_neighbour(client):
    assert 'rel="prev"' not in client.get("/plan/projects/1/").content.decode()
    assert 'rel="next"' not in client.get("/plan/projects/18/").content.decode()


def test_the_about_page_shows_the_reference_content(client):
    html = client.get("/about/").content.decode()
    for term in ["協働", "地域協働", "地域協働体", "補完性の原則", "円卓会議"]:
        assert f") {term}</dt>" in html
    assert "平成22年度（2010年度）" in html
    assert "令和5年度（2023年度）" in html
    assert "行政機能や基礎的コミュニティ機能の支援・補完" in html
    assert "高齢者世帯の見守りなど" in html
    assert "(3) 地域の良さを尊重し、地域コミュニティを重視したまちづくりを推進すること。" in html


def test_pages_answer_404_while_no_plan_is_loaded(client):
    Project.objects.all().delete()
    Indicator.objects.all().delete()
    Plan.objects.all().delete()
    assert client.get("/").status_code == 404
