import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from indicators.models import IndicatorValue
from plans.models import ProjectYearStatus

pytestmark = pytest.mark.django_db


def load(*args):
    out = io.StringIO()
    call_command("load_sample_data", *args, stdout=out)
    return out.getvalue()


def test_sample_data_is_marked_and_loads_once(client, django_capture_on_commit_callbacks):
    assert "サンプルデータを表示しています" not in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # as the command's commit would
        assert "追加しました" in load()
    assert "変更なし" in load()
    assert IndicatorValue.objects.filter(is_sample=False).count() == 0
    assert ProjectYearStatus.objects.filter(is_sample=False).count() == 0
    # The 6 indicators staff enter get three sample years each; 0-1, 2-1, 3-3 are computed.
    assert IndicatorValue.objects.filter(is_computed=False).count() == 6 * 3
    assert ProjectYearStatus.objects.count() == 18 * 2
    assert ProjectYearStatus.objects.published().count() < 36  # some FY2025 drafts
    html = client.get("/").content.decode()
    assert "サンプルデータを表示しています" in html


def test_sample_data_never_overwrites_real_figures():
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


def test_sample_usage_reproduces_the_plans_baseline_of_3_77():
    load()
    value = IndicatorValue.objects.get(indicator__code="0-1", fiscal_year=2022)
    assert value.value == Decimal("3.77")
    assert value.is_computed and value.is_sample
    assert "人口 108,446人" in value.derivation


def test_sample_bodies_fill_up_to_the_plans_33_and_say_so(client):
    from councils.models import CollaborationBody

    load()
    assert CollaborationBody.objects.count() == 33
    assert CollaborationBody.objects.filter(is_sample=False).count() == 13
    assert all(
        name.startswith("【サンプル】")
        for name in CollaborationBody.objects.filter(is_sample=True).values_list("name", flat=True)
    )
    html = client.get("/bodies/").content.decode()
    assert "「サンプル」と表示された団体は説明用の架空の団体です。" in html
