import io

import pytest
from django.core.management import call_command

from indicators.models import IndicatorValue
from plans.models import ProjectYearStatus

pytestmark = pytest.mark.django_db


def load(*args):
    out = io.StringIO()
    call_command("load_sample_data", *args, stdout=out)
    return out.getvalue()


def test_sample_data_is_marked_and_loads_once(client):
    assert "サンプルデータを表示しています" not in client.get("/").content.decode()
    assert "追加しました" in load()
    assert "変更なし" in load()
    assert IndicatorValue.objects.filter(is_sample=False).count() == 0
    assert ProjectYearStatus.objects.filter(is_sample=False).count() == 0
    assert IndicatorValue.objects.count() == 9 * 3
    assert ProjectYearStatus.objects.count() == 18 * 2
    assert ProjectYearStatus.objects.published().count() < 36  # some FY2025 drafts
    html = client.get("/").content.decode()
    assert "サンプルデータを表示しています" in html


def test_sample_data_never_overwrites_real_figures():
    from decimal import Decimal

    from indicators.models import Indicator

    real = IndicatorValue.objects.create(
        indicator=Indicator.objects.get(code="1-1"), fiscal_year=2024, value=Decimal("7777")
    )
    load()
    real.refresh_from_db()
    assert real.value == Decimal("7777") and not real.is_sample


def test_sample_data_can_be_removed(client):
    load()
    assert "削除しました" in load("--remove")
    assert IndicatorValue.objects.count() == 0
    assert "サンプルデータを表示しています" not in client.get("/").content.decode()
