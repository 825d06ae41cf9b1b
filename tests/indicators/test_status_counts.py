"""One count of 達成 / 順調 / 遅れ / 未集計, shared by the home page, /indicators/ and the report."""

from decimal import Decimal

import pytest

from indicators.models import Indicator, IndicatorValue
from indicators.progress import Status, status_counts
from progress_reports.builder import build_report
from progress_reports.presentation import for_display

pytestmark = pytest.mark.django_db


def counts(rows):
    return {row["status"]: row["count"] for row in rows}


def record(code, year, value):
    IndicatorValue.objects.create(
        indicator=Indicator.objects.get(code=code), fiscal_year=year, value=Decimal(value)
    )


def test_status_counts_as_of_a_year_ignores_later_actuals():
    first = Indicator.objects.get(code="0-1")
    record("0-1", 2024, first.target_value)
    record("0-1", 2026, first.target_value)
    indicators = list(Indicator.objects.with_actuals())
    assert counts(status_counts(indicators, year=2023))[Status.UNRECORDED] == 9
    assert counts(status_counts(indicators, year=2024))[Status.ACHIEVED] == 1
    assert [row["status"] for row in status_counts(indicators)] == list(Status)


def test_the_home_page_the_indicator_list_and_the_report_count_alike(client):
    record("0-1", 2024, Indicator.objects.get(code="0-1").target_value)
    record("1-1", 2024, Indicator.objects.get(code="1-1").baseline_value)
    live = counts(status_counts(Indicator.objects.with_actuals()))
    report = counts(for_display(build_report(2024))["status_counts"])
    assert report == live
    for url in ("/", "/indicators/"):
        assert counts(client.get(url).context["status_counts"]) == live
