"""Actuals in the admin: every year from the baseline to the target offered in 和暦, the
indicators whose actual is 未入力 for a year, and figures written as the public pages write
them."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicators.models import Indicator, IndicatorValue
from indicators.services import ActualSource, actual_set
from tests.admin_forms import admin_form_data, year_options

pytestmark = pytest.mark.django_db

ACTUALS = reverse("admin:indicators_indicatorvalue_changelist")
ACTUAL_ADD = reverse("admin:indicators_indicatorvalue_add")
INDICATORS = reverse("admin:indicators_indicator_changelist")
YEARS = range(2022, 2029)
LABELS = [
    "令和4年度（2022年度）",
    "令和5年度（2023年度）",
    "令和6年度（2024年度）",
    "令和7年度（2025年度）",
    "令和8年度（2026年度）",
    "令和9年度（2027年度）",
    "令和10年度（2028年度）",
]


def actual(code, year, value):
    return actual_set(
        indicator=Indicator.objects.get(code=code),
        fiscal_year=year,
        value=Decimal(value),
        source=ActualSource.STAFF,
    )


def test_it_offers_every_year_from_the_baseline_to_the_target_before_any_actual(editor_client):
    assert not IndicatorValue.objects.exists()
    html = editor_client.get(ACTUALS).content.decode()
    for year, label in zip(YEARS, LABELS, strict=True):
        assert f"?fiscal_year={year}" in html
        assert label in html


def test_the_year_filter_keeps_that_years_actuals(editor_client):
    actual("1-1", 2023, "7489")
    actual("1-1", 2024, "7600")
    actual("1-2", 2024, "45")
    page = editor_client.get(ACTUALS, {"fiscal_year": 2024})
    rows = page.context["cl"].result_list
    assert sorted((a.indicator.code, a.fiscal_year) for a in rows) == [("1-1", 2024), ("1-2", 2024)]


def test_the_list_writes_years_in_wareki_and_figures_with_their_unit(editor_client):
    actual("1-1", 2024, "7489")
    actual("0-1", 2024, "4.23")
    actual("1-3", 2024, "41.7")
    html = editor_client.get(ACTUALS).content.decode()
    assert '<td class="field-fiscal_year_wareki">令和6年度</td>' in html
    assert '<td class="field-value_shown">7,489件</td>' in html
    assert '<td class="field-value_shown">4.23回／年</td>' in html
    assert '<td class="field-value_shown">41.7%</td>' in html  # the stored decimals too
    assert not re.search(r"<td[^>]*>7489\.00", html)


def test_the_indicator_list_writes_baseline_and_target_with_their_unit(editor_client):
    html = editor_client.get(INDICATORS).content.decode()
    assert '<td class="field-baseline_shown">7,033件</td>' in html
    assert '<td class="field-target_shown">10,000件</td>' in html
    assert '<td class="field-baseline_shown">3.77回／年</td>' in html
    assert not re.search(r"<td[^>]*>7033\.00", html)


def test_the_indicator_list_finds_the_indicators_whose_actual_is_missing(editor_client):
    actual("1-1", 2024, "7489")
    actual("2-2", 2024, "140")
    actual("3-1", 2025, "130")
    html = editor_client.get(INDICATORS).content.decode()
    assert "この年度の実績が未入力" in html
    for year, label in zip(YEARS, LABELS, strict=True):
        assert f"?missing_actual={year}" in html
        assert label in html
    every = set(Indicator.objects.values_list("code", flat=True))

    def missing(year):
        page = editor_client.get(INDICATORS, {"missing_actual": year})
        return {indicator.code for indicator in page.context["cl"].result_list}

    assert missing(2024) == every - {"1-1", "2-2"}
    assert missing(2025) == every - {"3-1"}
    assert missing(2022) == every


def test_the_add_form_offers_the_years_and_saves_the_chosen_one(editor_client):
    page = editor_client.get(ACTUAL_ADD)
    options = year_options(page.content.decode())
    assert options == [("", "---------"), *zip(map(str, YEARS), LABELS, strict=True)]
    data = admin_form_data(page)
    data.update(
        indicator=str(Indicator.objects.get(code="1-1").pk), fiscal_year="2022", value="7033"
    )
    assert editor_client.post(ACTUAL_ADD, data).status_code == 302
    saved = IndicatorValue.objects.get()
    assert (saved.indicator.code, saved.fiscal_year, saved.value) == ("1-1", 2022, Decimal("7033"))


@pytest.mark.parametrize("year", ["2021", "2029", ""])
def test_the_add_form_refuses_a_year_it_does_not_offer(editor_client, year):
    data = admin_form_data(editor_client.get(ACTUAL_ADD))
    data.update(indicator=str(Indicator.objects.get(code="1-1").pk), fiscal_year=year, value="10")
    response = editor_client.post(ACTUAL_ADD, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["fiscal_year"]
    assert not IndicatorValue.objects.exists()


def test_the_indicator_page_inline_offers_the_years_and_saves_through_the_service(
    editor_client, city_editor
):
    actual("1-2", 2023, "41")
    indicator = Indicator.objects.get(code="1-2")
    url = reverse("admin:indicators_indicator_change", args=[indicator.pk])
    page = editor_client.get(url)
    html = page.content.decode()
    options = year_options(html, name="values-0-fiscal_year")
    assert [value for value, _label in options] == ["", *map(str, YEARS)]
    assert re.search(
        r'name="values-0-fiscal_year"[^>]*>.*?<option value="2023" selected', html, re.S
    )
    data = admin_form_data(page)
    data.update(
        {
            "values-TOTAL_FORMS": "2",
            "values-1-indicator": str(indicator.pk),
            "values-1-fiscal_year": "2024",
            "values-1-value": "45",
            "values-1-note": "",
        }
    )
    assert editor_client.post(url, data).status_code == 302
    assert dict(indicator.values.values_list("fiscal_year", "value")) == {
        2023: Decimal("41"),
        2024: Decimal("45"),
    }


def _queries(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


def test_the_lists_take_as_many_queries_for_many_rows_as_for_few(
    editor_client, django_assert_max_num_queries
):
    actual("1-1", 2024, "7489")
    few_actuals = _queries(editor_client, ACTUALS)
    few_indicators = _queries(editor_client, INDICATORS, {"missing_actual": 2024})
    for code in Indicator.objects.values_list("code", flat=True):
        for year in (2022, 2023, 2024):
            actual(code, year, "10")
    with django_assert_max_num_queries(few_actuals):
        editor_client.get(ACTUALS)
    with django_assert_max_num_queries(few_actuals):
        editor_client.get(ACTUALS, {"fiscal_year": 2024})
    with django_assert_max_num_queries(few_indicators):
        editor_client.get(INDICATORS, {"missing_actual": 2025})


@pytest.mark.django_db
def test_an_actual_is_named_as_its_indicator_writes_it():
    # Its name appears on the delete page, in history and in checkbox labels.
    indicator = Indicator.objects.get(code="1-1")
    actual = IndicatorValue(indicator=indicator, fiscal_year=2024, value=Decimal("7489.00"))
    assert str(actual) == f"1-1 令和6年度 7,489{indicator.unit}"
