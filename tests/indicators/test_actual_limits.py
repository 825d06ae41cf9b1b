"""An actual is refused when the indicator cannot take it: below zero, over 100 %, or a
count with more decimals than the indicator has."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from core.formats import JapaneseCSV
from core.resources import import_file
from indicators.models import Indicator, IndicatorValue
from indicators.resources import IndicatorValueResource

pytestmark = pytest.mark.django_db

NEGATIVE = "実績値は0以上で入力してください。"
OVER_100 = "割合（%）の実績値は100以下で入力してください。"
WHOLE = "この指標の実績値は整数で入力してください。"


def run_import(row):
    data = f"指標コード,年度,実績値\n0-1,2024,3.80\n{row}\n".encode()
    return import_file(resource=IndicatorValueResource(), data=data, file_format=JapaneseCSV())


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("1-1,2024,-5", NEGATIVE),
        ("0-1,2025,-0.01", NEGATIVE),
        ("1-3,2024,100.5", OVER_100),
        ("1-3,2025,１２０", OVER_100),
        ("2-2,2024,12.5", WHOLE),
    ],
)
def test_an_import_refuses_values_the_indicator_cannot_take(row, message):
    outcome = run_import(row)
    assert outcome.errors == [f"3行目「実績値」：{message}"]
    assert IndicatorValue.objects.count() == 0


@pytest.mark.parametrize(
    "row", ["1-1,2024,0", "1-3,2024,100", "1-3,2024,0", "1-3,2024,41.7", "0-1,2025,4.23"]
)
def test_an_import_accepts_the_limits_themselves(row):
    assert run_import(row).errors == []


def test_the_admin_refuses_a_negative_actual(city_editor, client):
    client.force_login(city_editor)
    response = client.post(
        reverse("admin:indicators_indicatorvalue_add"),
        {
            "indicator": Indicator.objects.get(code="1-1").pk,
            "fiscal_year": 2024,
            "value": "-5",
            "note": "",
            "derivation": "",
        },
    )
    assert response.status_code == 200
    assert NEGATIVE in response.content.decode()
    assert IndicatorValue.objects.count() == 0


def test_the_model_refuses_a_percentage_over_100():
    value = IndicatorValue(
        indicator=Indicator.objects.get(code="1-3"), fiscal_year=2024, value=Decimal("101")
    )
    with pytest.raises(ValidationError) as error:
        value.full_clean()
    assert error.value.message_dict == {"value": [OVER_100]}


def test_the_database_refuses_a_negative_actual():
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorValue.objects.create(
            indicator=Indicator.objects.get(code="1-1"), fiscal_year=2024, value=Decimal("-5")
        )
