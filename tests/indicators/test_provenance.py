"""Whose an actual is: staff's figures are never overwritten by a computed one.

The rules (``indicators.services``): a figure staff enter or import is theirs and replaces
a computed one; a computed figure never replaces or removes staff's; when staff remove
their figure of a derived indicator, the computed value comes back at once.
"""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from centers.models import CenterUsage, CivicCenter
from centers.resources import CenterUsageResource
from core.formats import JapaneseCSV
from core.resources import import_file
from indicators.derived import VISITS_PER_CAPITA
from indicators.models import Indicator, IndicatorValue
from indicators.resources import IndicatorValueResource
from indicators.services import (
    ActualSource,
    actual_delete,
    actual_set,
    refresh_derived_indicators,
)
from tests.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db


def per_capita(year):
    return IndicatorValue.objects.filter(indicator__code="0-1", fiscal_year=year).first()


def import_csv(resource, lines):
    outcome = import_file(
        resource=resource, data="\r\n".join(lines).encode("utf-8"), file_format=JapaneseCSV()
    )
    assert outcome.errors == []
    return outcome


def import_usage(year, visits_each, skip=0):
    lines = ["市民センター,年度,利用者数"] + [
        f"{center.name},{year},{visits_each}"
        for center in CivicCenter.objects.order_by("pk")[skip:]
    ]
    import_csv(CenterUsageResource(), lines)


def staff_figure(code, year, value):
    return actual_set(
        indicator=Indicator.objects.get(code=code),
        fiscal_year=year,
        value=Decimal(value),
        source=ActualSource.STAFF,
    )


def test_it_keeps_an_imported_figure_when_a_centre_usage_is_saved_again(
    client, city_editor, tmp_path
):
    import_usage(2022, 12_000)
    assert per_capita(2022).value == Decimal("3.76") and per_capita(2022).is_computed

    path = tmp_path / "実績.csv"
    path.write_bytes("指標コード,年度,実績値\r\n0-1,2022,3.77\r\n".encode("cp932"))
    call_command(
        "import", "indicators.resources.IndicatorValueResource", str(path), "--no-input",
        stdout=io.StringIO(),
    )  # fmt: skip
    usage = CenterUsage.objects.order_by("pk").first()
    client.force_login(city_editor)
    url = reverse("admin:centers_centerusage_change", args=[usage.pk])
    data = admin_form_data(client.get(url))
    data["visits"] = "12001"
    assert client.post(url, data).status_code == 302

    value = per_capita(2022)
    assert value.value == Decimal("3.77")
    assert not value.is_computed
    assert value.history.first().history_change_reason == "ファイルから取込"


def test_a_figure_corrected_in_the_inline_of_the_indicator_page_is_staffs(client, city_editor):
    import_usage(2022, 12_000)
    indicator = Indicator.objects.get(code="0-1")
    client.force_login(city_editor)
    url = reverse("admin:indicators_indicator_change", args=[indicator.pk])
    data = admin_form_data(client.get(url))
    prefix = next(
        key.removesuffix("-fiscal_year")
        for key, value in data.items()
        if key.startswith("values-") and key.endswith("-fiscal_year") and value == "2022"
    )
    data[f"{prefix}-value"] = "3.77"
    response = client.post(url, data)
    assert response.status_code == 302
    assert per_capita(2022).value == Decimal("3.77") and not per_capita(2022).is_computed
    assert per_capita(2022).history.first().history_user == city_editor

    import_usage(2022, 12_100)
    assert per_capita(2022).value == Decimal("3.77") and not per_capita(2022).is_computed


def test_saving_a_computed_actual_unchanged_in_the_admin_leaves_it_computed(client, city_editor):
    import_usage(2022, 12_000)
    client.force_login(city_editor)
    url = reverse("admin:indicators_indicatorvalue_change", args=[per_capita(2022).pk])
    assert client.post(url, admin_form_data(client.get(url))).status_code == 302
    assert per_capita(2022).is_computed


def test_a_computed_value_never_replaces_or_removes_staffs_figure():
    staff_figure("0-1", 2022, "3.77")
    import_usage(2022, 12_000)  # complete: computes 3.76
    assert per_capita(2022).value == Decimal("3.77") and not per_capita(2022).is_computed

    CenterUsage.objects.filter(fiscal_year=2022).delete()
    refresh_derived_indicators(codes=[VISITS_PER_CAPITA])  # incomplete: nothing to compute
    assert per_capita(2022).value == Decimal("3.77")

    # Written directly, too, the computed figure gives way.
    kept = actual_set(
        indicator=Indicator.objects.get(code="0-1"),
        fiscal_year=2022,
        value=Decimal("1.00"),
        source=ActualSource.COMPUTED,
        derivation="…",
    )
    assert kept.value == Decimal("3.77") and not kept.is_computed
    actual_delete(
        indicator=Indicator.objects.get(code="0-1"), fiscal_year=2022, source=ActualSource.COMPUTED
    )
    assert per_capita(2022).value == Decimal("3.77")


def test_deleting_staffs_figure_brings_the_computed_value_back_at_once(client, city_editor):
    import_usage(2022, 12_000)
    import_csv(IndicatorValueResource(), ["指標コード,年度,実績値", "0-1,2022,3.77"])
    client.force_login(city_editor)
    url = reverse("admin:indicators_indicatorvalue_delete", args=[per_capita(2022).pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    value = per_capita(2022)
    assert value.value == Decimal("3.76") and value.is_computed


def test_deleting_staffs_figure_of_an_incomplete_year_leaves_it_unrecorded():
    import_usage(2022, 12_000, skip=1)
    staff_figure("0-1", 2022, "3.77")
    actual_delete(
        indicator=Indicator.objects.get(code="0-1"), fiscal_year=2022, source=ActualSource.STAFF
    )
    assert per_capita(2022) is None


def test_importing_a_computed_value_unchanged_does_not_claim_it():
    import_usage(2022, 12_000)
    data = JapaneseCSV().export_data(IndicatorValueResource().export())
    outcome = import_file(resource=IndicatorValueResource(), data=data, file_format=JapaneseCSV())
    assert outcome.errors == [] and outcome.totals["skip"] == 1
    assert per_capita(2022).is_computed


def test_restoring_an_earlier_version_makes_the_figure_staffs(client, city_editor):
    import_usage(2022, 12_000)
    first = per_capita(2022).history.earliest()
    import_usage(2022, 12_100)  # recomputed: 3.79
    client.force_login(city_editor)
    value = per_capita(2022)
    url = reverse("admin:indicators_indicatorvalue_simple_history", args=[value.pk, first.pk])
    response = client.post(url, {"value": "3.76", "note": "", "is_sample": ""})
    assert response.status_code == 302
    value.refresh_from_db()
    assert value.value == Decimal("3.76") and not value.is_computed
