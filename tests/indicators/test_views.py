"""The indicator pages: progress, chart and table, sources, and an honest history."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.models import Indicator, IndicatorValue

pytestmark = pytest.mark.django_db


def record(code, year, value):
    return IndicatorValue.objects.create(
        indicator=Indicator.objects.get(code=code), fiscal_year=year, value=Decimal(value)
    )


def test_the_list_groups_all_nine_and_says_what_is_not_recorded(client):
    html = client.get("/indicators/").content.decode()
    assert html.count('id="indicator-') == 9
    assert "一関市総合計画の指標" in html
    assert "基本方針3 協働のための仕組みづくりの指標" in html
    assert html.count('class="status-badge status-unrecorded"') == 9 + 1  # rows + summary


def test_the_list_shows_status_and_achievement(client):
    record("1-1", 2025, "8516.5")  # exactly on the line half-way
    record("3-1", 2025, "130")  # far below the line
    record("2-2", 2024, "151")  # beyond the target
    html = client.get("/indicators/").content.decode()
    assert "達成率 50%" in html
    assert "8,517件" in html or "8,516件" in html
    summary = html[html.index('class="status-summary"') :]
    assert "達成</span> 1指標" in summary
    assert "順調</span> 1指標" in summary
    assert "遅れ</span> 1指標" in summary
    assert "未集計</span> 6指標" in summary


def test_the_detail_page_has_a_chart_and_the_same_numbers_in_a_table(client):
    record("1-2", 2023, "45")
    record("1-2", 2024, "50")
    html = client.get("/indicators/1-2/").content.decode()
    assert '<svg class="chart" role="img"' in html
    assert '<title id="chart-title">まちづくりスタッフバンクの登録者数の推移</title>' in html
    assert html.count('class="actual-point"') == 2
    assert "令和5年度（2023年度）" in html and "令和6年度（2024年度）" in html
    assert ">45<" in html and ">50<" in html and ">61<" in html


def test_an_indicator_without_baseline_says_so(client):
    html = client.get("/indicators/1-3/").content.decode()
    assert "—（計画に記載なし）" in html
    assert 'class="baseline-point"' not in html


def test_the_detail_page_states_source_and_schedule(client):
    Indicator.objects.filter(code="3-1").update(
        source="地域担当職員の活動記録",
        department="いちのせき市民活動センター",
        next_publication_on=datetime.date(2026, 6, 30),
    )
    html = client.get("/indicators/3-1/").content.decode()
    assert "地域担当職員の活動記録／いちのせき市民活動センター" in html
    assert "令和8年6月30日" in html


def test_the_explanation_from_the_plan_is_shown(client):
    html = client.get("/indicators/0-1/").content.decode()
    assert "市民センターの活用度や地域協働体や自治会" in html


def test_unknown_codes_are_404(client):
    assert client.get("/indicators/4-1/").status_code == 404


def _indicator_form(indicator, **changes):
    data = {
        "code": indicator.code,
        "policy": indicator.policy_id or "",
        "name": indicator.name,
        "unit": indicator.unit,
        "decimal_places": indicator.decimal_places,
        "baseline_fiscal_year": indicator.baseline_fiscal_year,
        "baseline_value": indicator.baseline_value or "",
        "target_fiscal_year": indicator.target_fiscal_year,
        "target_value": indicator.target_value,
        "description": indicator.description,
        "method": indicator.method,
        "source": indicator.source,
        "department": indicator.department,
        "next_publication_on": "",
        "change_reason": "",
        "values-TOTAL_FORMS": 0,
        "values-INITIAL_FORMS": 0,
        "values-MIN_NUM_FORMS": 0,
        "values-MAX_NUM_FORMS": 1000,
    }
    data.update(changes)
    return data


def test_the_definition_is_free_to_edit_before_any_actual(client, city_editor):
    indicator = Indicator.objects.get(code="3-1")
    client.force_login(city_editor)
    url = reverse("admin:indicators_indicator_change", args=[indicator.pk])
    response = client.post(url, _indicator_form(indicator, target_value="175"))
    assert response.status_code == 302


def test_once_actuals_exist_the_definition_changes_only_with_a_public_reason(client, city_editor):
    indicator = Indicator.objects.get(code="3-1")
    record("3-1", 2024, "140")
    client.force_login(city_editor)
    url = reverse("admin:indicators_indicator_change", args=[indicator.pk])
    response = client.post(url, _indicator_form(indicator, target_value="175"))
    assert response.status_code == 200
    assert "変更理由を入力してください" in response.content.decode()
    indicator.refresh_from_db()
    assert indicator.target_value == Decimal("170")

    response = client.post(
        url, _indicator_form(indicator, target_value="175", change_reason="中間見直しによる")
    )
    assert response.status_code == 302
    client.logout()
    html = client.get("/indicators/3-1/").content.decode()
    assert "目標値を「170」から「175」に変更" in html
    assert "理由：中間見直しによる" in html


def test_other_fields_change_without_a_reason(client, city_editor):
    indicator = Indicator.objects.get(code="3-1")
    record("3-1", 2024, "140")
    client.force_login(city_editor)
    url = reverse("admin:indicators_indicator_change", args=[indicator.pk])
    response = client.post(url, _indicator_form(indicator, source="市の集計"))
    assert response.status_code == 302


def test_corrections_of_actuals_are_listed_publicly(client):
    value = record("2-1", 2024, "470")
    value.value = Decimal("472")
    value._change_reason = "集計漏れの追加"
    value.save()
    html = client.get("/indicators/2-1/").content.decode()
    assert "令和6年度の実績を修正（470 → 472）" in html
    assert "集計漏れの追加" in html
    assert "令和6年度の実績を登録（470）" in html
