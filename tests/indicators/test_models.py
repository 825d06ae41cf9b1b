from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from indicators.models import Indicator, IndicatorValue

pytestmark = pytest.mark.django_db


def _refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_one_actual_per_indicator_and_year():
    indicator = Indicator.objects.get(code="1-1")
    IndicatorValue.objects.create(indicator=indicator, fiscal_year=2024, value=Decimal("8000"))
    _refused(lambda: IndicatorValue.objects.create(indicator=indicator, fiscal_year=2024, value=1))


def test_actuals_stay_between_the_baseline_year_and_the_target_year():
    indicator = Indicator.objects.get(code="1-1")
    _refused(lambda: IndicatorValue.objects.create(indicator=indicator, fiscal_year=2021, value=1))
    _refused(lambda: IndicatorValue.objects.create(indicator=indicator, fiscal_year=2029, value=1))
    value = IndicatorValue(indicator=indicator, fiscal_year=2030, value=1)
    with pytest.raises(ValidationError) as error:
        value.full_clean()
    assert "年度" in str(error.value.message_dict["fiscal_year"])


def test_indicator_codes_have_the_plans_shape():
    _refused(lambda: Indicator.objects.create(code="x1", name="x", unit="件", target_value=1))
    indicator = Indicator(code="11", name="x", unit="件", target_value=1)
    with pytest.raises(ValidationError) as error:
        indicator.full_clean()
    assert "指標コード" in str(error.value.message_dict["code"])


def test_codes_are_unique():
    _refused(lambda: Indicator.objects.create(code="1-1", name="x", unit="件", target_value=1))


def test_the_latest_actual_is_the_newest_year():
    indicator = Indicator.objects.get(code="3-1")
    assert indicator.latest_actual() is None
    IndicatorValue.objects.create(indicator=indicator, fiscal_year=2025, value=140)
    IndicatorValue.objects.create(indicator=indicator, fiscal_year=2024, value=130)
    assert indicator.latest_actual().fiscal_year == 2025
