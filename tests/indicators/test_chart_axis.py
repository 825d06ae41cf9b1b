"""The indicator chart: an axis that shows the change, no invented baseline, and years that
have not ended never described as data."""

import re
from decimal import Decimal

import pytest

from centers.models import CenterUsage, CivicCenter
from centers.services import usage_set
from indicators.charts import indicator_chart, value_axis
from indicators.models import Indicator, IndicatorValue

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fiscal_2026(monkeypatch):
    """Fiscal 2026 is under way, whatever today's date."""
    monkeypatch.setattr("indicators.years.current_fiscal_year", lambda: 2026)


def record(code, year, value):
    return IndicatorValue.objects.create(
        indicator=Indicator.objects.get(code=code), fiscal_year=year, value=Decimal(value)
    )


def chart_of(html, chart_id="chart"):
    start = html.index(f'aria-labelledby="{chart_id}-title')
    return html[start : html.index("</figure>", start)]


def description(html, chart_id="chart"):
    return re.search(rf'<desc id="{chart_id}-desc">([^<]*)</desc>', html).group(1)


def tick_labels(chart):
    return re.findall(r'<text x="0" dx="-8"[^>]*>([^<]*)</text>', chart)


def test_an_axis_for_data_far_above_zero_starts_just_below_it():
    axis = value_axis([Decimal("3.77"), Decimal("4.23"), Decimal("3.95")], decimal_places=2)
    assert axis.broken
    assert Decimal("3.5") <= axis.lower < Decimal("3.77")
    assert Decimal("4.23") < axis.upper <= Decimal("4.5")
    assert axis.step in {Decimal("0.1"), Decimal("0.2"), Decimal("0.25")}


def test_an_axis_of_counts_never_steps_by_a_fraction():
    axis = value_axis([Decimal(33), Decimal(34)], decimal_places=0)
    assert axis.broken
    assert axis.ticks() == [Decimal(32), Decimal(33), Decimal(34), Decimal(35)]


def test_an_axis_keeps_zero_when_the_data_spreads_from_near_it():
    axis = value_axis([Decimal(58), Decimal(76), Decimal(90)], decimal_places=0)
    assert not axis.broken
    assert axis.ticks()[0] == 0 and axis.upper == 100


def test_0_1_is_drawn_on_a_broken_axis_and_says_so(client):
    record("0-1", 2023, "3.83")
    record("0-1", 2024, "3.89")
    html = client.get("/indicators/0-1/").content.decode()
    chart = chart_of(html)
    assert 'class="axis-break"' in chart
    ticks = tick_labels(chart)
    assert ticks[0] != "0" and Decimal(ticks[0]) < Decimal("3.77")
    assert f"縦軸は{ticks[0]}から始まります。" in description(html)
    assert f"縦軸は{ticks[0]}から始まります（0からの部分を省略しています）。" in chart
    # The chart's text alternative holds the numbers of the table.
    assert "現状値（令和4年度）は3.77回／年。" in description(html)
    assert "実績は令和5年度 3.83回／年、令和6年度 3.89回／年。" in description(html)
    assert "目標値（令和10年度）は4.23回／年。" in description(html)


def test_an_indicator_near_zero_keeps_a_plain_axis(client):
    record("1-3", 2023, "58")
    html = client.get("/indicators/1-3/").content.decode()
    chart = chart_of(html)
    assert tick_labels(chart)[0] == "0"
    assert 'class="axis-break"' not in chart
    assert "縦軸は" not in chart


def test_without_a_baseline_there_is_no_baseline_point_line_or_legend(client):
    record("1-3", 2023, "58")
    html = client.get("/indicators/1-3/").content.decode()
    chart = chart_of(html)
    assert 'class="baseline-point"' not in chart
    assert 'class="trajectory"' not in chart
    legend = chart[chart.index('class="chart-legend"') :]
    assert "現状値" not in legend
    assert "目標値" in legend
    text = description(html)
    assert "現状値（" not in text and "現状値から" not in text
    assert "計画に現状値の記載はありません。" in text
    # The table states the plan's 「—」, not a number.
    assert "—（計画に記載なし）" in html


def test_with_a_baseline_the_straight_line_starts_from_it(client):
    html = client.get("/indicators/1-1/").content.decode()
    chart = chart_of(html)
    assert 'class="baseline-point"' in chart and 'class="trajectory"' in chart
    assert "□ 現状値" in chart and "現状値から目標値までの直線" in chart


def test_years_that_have_not_ended_are_not_described_as_data(client):
    record("1-2", 2023, "45")
    html = client.get("/indicators/1-2/").content.decode()
    text = description(html)
    assert "令和6年度、令和7年度は未集計です。" in text
    assert "令和8年度は年度途中です。" in text
    assert "令和9年度、令和10年度は未到来です。" in text
    table = html[html.index('id="values-caption"') :]
    assert re.search(r"令和9年度（2027年度）</th>\s*<td>実績</td>\s*<td[^>]*>未到来<", table)
    assert re.search(r"令和8年度（2026年度）</th>\s*<td>実績</td>\s*<td[^>]*>年度途中<", table)
    assert re.search(r"令和7年度（2025年度）</th>\s*<td>実績</td>\s*<td[^>]*>未集計<", table)


def test_a_derived_figure_of_a_year_to_come_is_not_counted_as_far_as_it_got(client):
    for center in CivicCenter.objects.order_by("pk")[:2]:
        usage_set(center=center, fiscal_year=2027, visits=100, source=CenterUsage.Source.STAFF)
    html = client.get("/indicators/0-1/").content.decode()
    derivations = html[html.index('id="derivation-caption"') :]
    rows = dict(re.findall(r'<th scope="row">([^<]*)</th>(.*?)</tr>', derivations, re.S))
    assert "集計済み" not in rows["令和9年度（2027年度）"]
    assert "未到来" in rows["令和9年度（2027年度）"]
    assert "未到来" in rows["令和10年度（2028年度）"]
    assert "年度途中" in rows["令和8年度（2026年度）"]
    # A year that has ended without every figure still says how far it got.
    assert "34館中0館の利用者数が集計済みです。" in rows["令和7年度（2025年度）"]


def test_the_chart_reads_future_years_from_the_year_it_is_seen_from():
    indicator = Indicator.objects.get(code="2-2")
    chart = indicator_chart(indicator, [], current_year=2024)
    gaps = {entry["year"]: entry["gap"] for entry in chart["years"]}
    assert gaps[2022] is None  # the baseline's own year
    assert gaps[2023] == "unrecorded" and gaps[2024] == "in_progress"
    assert gaps[2025] == gaps[2028] == "upcoming"


def test_the_report_draws_the_same_chart(client):
    record("0-1", 2024, "3.89")
    html = client.get("/reports/2025/").content.decode()
    block = html.split('id="indicator-0-1-heading"')[1].split("</article>")[0]
    assert 'class="axis-break"' in block
    assert "縦軸は" in description(block, "chart-0-1")
    assert "令和8年度は年度途中です。" in description(block, "chart-0-1")
    no_baseline = html.split('id="indicator-1-3-heading"')[1].split("</article>")[0]
    assert 'class="baseline-point"' not in no_baseline
    assert 'class="trajectory"' not in no_baseline


def test_the_english_chart_description_writes_the_english_unit(client):
    html = client.get("/en/indicators/1-2/").content.decode()
    text = description(html)
    assert "41\N{NO-BREAK SPACE}people" in text
    assert "人" not in text
