"""Indicators the portal computes itself: 0-1 per-capita visits and 3-3 bodies founded.

The data behind them is written as the portal writes it: usage through ``usage_set()``,
everything else followed by the explicit refresh its write path makes.
"""

import datetime
from decimal import Decimal

import pytest

from centers.derived import visits_per_capita
from centers.models import CenterUsage, CivicCenter, Population
from centers.services import usage_delete, usage_set
from councils.models import CollaborationBody
from indicators.derived import BODIES_FOUNDED, VISITS_PER_CAPITA
from indicators.models import Indicator, IndicatorValue
from indicators.services import ActualSource, actual_set, refresh_derived_indicators

pytestmark = pytest.mark.django_db


def per_capita(year):
    return IndicatorValue.objects.filter(indicator__code="0-1", fiscal_year=year).first()


def record_usage(year, visits_each, skip=0):
    for center in CivicCenter.objects.order_by("pk")[skip:]:
        usage_set(
            center=center, fiscal_year=year, visits=visits_each, source=CenterUsage.Source.STAFF
        )


def test_it_divides_all_visits_by_the_population_to_two_decimals():
    record_usage(2022, 12_000)  # 34 × 12,000 = 408,000 visits; population 108,446
    value = per_capita(2022)
    assert value.value == Decimal("3.76")  # 3.7622… rounded
    assert value.is_computed
    assert value.derivation == "34館の利用者数の合計 408,000人 ÷ 人口 108,446人（2022-07-01現在）"


def test_an_incomplete_year_is_not_a_smaller_number():
    record_usage(2022, 12_000, skip=1)
    assert per_capita(2022) is None
    assert visits_per_capita([2022])[2022].explanation == "34館中33館の利用者数が集計済みです。"


def test_the_figure_appears_when_the_last_centre_reports_and_goes_when_it_is_removed():
    record_usage(2022, 12_000, skip=1)
    last = CivicCenter.objects.order_by("pk").first()
    usage_set(center=last, fiscal_year=2022, visits=12_000, source=CenterUsage.Source.STAFF)
    assert per_capita(2022).value == Decimal("3.76")
    usage_delete(center=last, fiscal_year=2022, source=CenterUsage.Source.STAFF)
    assert per_capita(2022) is None


def test_a_year_without_population_stays_unrecorded():
    record_usage(2024, 12_000)
    assert per_capita(2024) is None
    Population.objects.create(
        fiscal_year=2024, as_of=datetime.date(2024, 10, 1), population=100_000
    )
    refresh_derived_indicators(codes=[VISITS_PER_CAPITA])  # as the admin and import do
    assert per_capita(2024).value == Decimal("4.08")


def test_a_closed_centre_is_not_waited_for():
    record_usage(2022, 12_000, skip=1)
    closed = CivicCenter.objects.order_by("pk").first()
    closed.closed_fiscal_year = 2022
    closed.save()
    refresh_derived_indicators(codes=[VISITS_PER_CAPITA])
    assert per_capita(2022).derivation.startswith("33館の利用者数の合計 396,000人")


def test_an_official_figure_entered_by_staff_wins():
    indicator = Indicator.objects.get(code="0-1")
    actual_set(
        indicator=indicator, fiscal_year=2022, value=Decimal("3.77"), source=ActualSource.STAFF
    )
    record_usage(2022, 12_000)
    value = per_capita(2022)
    assert value.value == Decimal("3.77") and not value.is_computed


def test_the_indicator_page_shows_the_derivation(client):
    record_usage(2022, 12_000, skip=2)
    html = client.get("/indicators/0-1/").content.decode()
    assert "算出の方法" in html
    assert "34館中32館の利用者数が集計済みです。" in html
    assert "34館中0館の利用者数が集計済みです。" in html


def test_bodies_founded_waits_for_every_founding_year():
    refresh_derived_indicators()
    assert not IndicatorValue.objects.filter(indicator__code="3-3").exists()
    CollaborationBody.objects.filter(founded_fiscal_year=None).update(founded_fiscal_year=2015)
    refresh_derived_indicators()
    values = dict(
        IndicatorValue.objects.filter(indicator__code="3-3").values_list("fiscal_year", "value")
    )
    assert values[2022] == Decimal("13")


def test_a_dissolved_body_stops_counting():
    CollaborationBody.objects.update(founded_fiscal_year=2015)
    body = CollaborationBody.objects.get(name="真柴まちづくり協議会")
    body.status = CollaborationBody.Status.DISSOLVED
    body.dissolved_fiscal_year = 2024
    body.save()
    refresh_derived_indicators(codes=[BODIES_FOUNDED])
    values = dict(
        IndicatorValue.objects.filter(indicator__code="3-3").values_list("fiscal_year", "value")
    )
    assert values[2023] == 13 and values[2024] == 12


def test_an_import_of_usage_refreshes_the_figure():
    from centers.resources import CenterUsageResource
    from core.formats import JapaneseCSV
    from core.resources import import_file

    lines = ["市民センター,年度,利用者数"] + [
        f"{center.name},令和4年度,12000" for center in CivicCenter.objects.all()
    ]
    outcome = import_file(
        resource=CenterUsageResource(),
        data="\n".join(lines).encode("cp932"),
        file_format=JapaneseCSV(),
    )
    assert outcome.errors == []
    assert per_capita(2022).value == Decimal("3.76")
    assert CenterUsage.objects.filter(source="ファイル取込").count() == 34


def test_a_figure_is_computed_only_for_years_that_have_ended(monkeypatch):
    """3-3 could be counted for any year once every founding year is known; a year in
    progress or still to come has no actual, and one stored earlier is withdrawn."""
    monkeypatch.setattr("indicators.years.current_fiscal_year", lambda: 2026)
    CollaborationBody.objects.update(founded_fiscal_year=2015)
    indicator = Indicator.objects.get(code=BODIES_FOUNDED)
    IndicatorValue.objects.create(
        indicator=indicator, fiscal_year=2027, value=Decimal("13"), is_computed=True
    )
    refresh_derived_indicators(codes=[BODIES_FOUNDED])
    years = set(
        IndicatorValue.objects.filter(indicator=indicator).values_list("fiscal_year", flat=True)
    )
    assert years == {2022, 2023, 2024, 2025}
