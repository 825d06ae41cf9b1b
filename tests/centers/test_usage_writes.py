"""Usage figures, population, centres and bodies: each write path refreshes what they feed."""

from decimal import Decimal

import pytest
from django.urls import reverse

from centers.models import CenterUsage, CivicCenter
from centers.resources import PopulationResource
from centers.services import usage_delete, usage_set
from core.formats import JapaneseCSV
from core.resources import import_file
from councils.models import CollaborationBody
from indicators.models import IndicatorValue
from tests.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db
Source = CenterUsage.Source


def value_of(code, year):
    return IndicatorValue.objects.filter(indicator__code=code, fiscal_year=year).first()


def record_usage(year, visits_each, source=Source.STAFF):
    for center in CivicCenter.objects.order_by("pk"):
        usage_set(center=center, fiscal_year=year, visits=visits_each, source=source)


def test_a_report_never_replaces_or_removes_staffs_figure():
    center = CivicCenter.objects.order_by("pk").first()
    for staff_source in (Source.STAFF, Source.IMPORT):
        usage_set(center=center, fiscal_year=2024, visits=100, source=staff_source)
        kept = usage_set(center=center, fiscal_year=2024, visits=999, source=Source.BODY_REPORT)
        assert (kept.visits, kept.source) == (100, staff_source)
        assert not usage_delete(center=center, fiscal_year=2024, source=Source.BODY_REPORT)
        assert CenterUsage.objects.get(center=center, fiscal_year=2024).visits == 100


def test_staff_replace_a_reported_figure_and_may_remove_it():
    center = CivicCenter.objects.order_by("pk").first()
    usage_set(center=center, fiscal_year=2024, visits=999, source=Source.BODY_REPORT)
    usage = usage_set(center=center, fiscal_year=2024, visits=100, source=Source.STAFF)
    assert (usage.visits, usage.source) == (100, Source.STAFF)
    assert usage_delete(center=center, fiscal_year=2024, source=Source.STAFF)
    assert not CenterUsage.objects.filter(center=center).exists()


def test_a_staff_correction_in_the_centre_page_inline_is_staffs(client, city_editor):
    record_usage(2022, 12_000, source=Source.BODY_REPORT)
    center = CivicCenter.objects.order_by("pk").first()
    client.force_login(city_editor)
    url = reverse("admin:centers_civiccenter_change", args=[center.pk])
    data = admin_form_data(client.get(url))
    prefix = next(
        key.removesuffix("-visits")
        for key, value in data.items()
        if key.startswith("usages-") and key.endswith("-visits")
    )
    data[f"{prefix}-visits"] = "46000"  # 34 000 more visits: 3.76 → 4.08
    response = client.post(url, data)
    assert response.status_code == 302
    usage = CenterUsage.objects.get(center=center, fiscal_year=2022)
    assert (usage.visits, usage.source) == (46_000, Source.STAFF)
    assert value_of("0-1", 2022).value == Decimal("4.08")


def test_deleting_usage_in_the_admin_withdraws_the_figure(client, city_editor):
    record_usage(2022, 12_000)
    client.force_login(city_editor)
    usage = CenterUsage.objects.filter(fiscal_year=2022).first()
    url = reverse("admin:centers_centerusage_delete", args=[usage.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert value_of("0-1", 2022) is None


def test_a_population_saved_in_the_admin_or_imported_refreshes_0_1(client, city_editor):
    record_usage(2024, 12_000)
    assert value_of("0-1", 2024) is None  # no population yet
    client.force_login(city_editor)
    response = client.post(
        reverse("admin:centers_population_add"),
        {"fiscal_year": "2024", "as_of": "2024-10-01", "population": "100000"},
    )
    assert response.status_code == 302
    assert value_of("0-1", 2024).value == Decimal("4.08")

    outcome = import_file(
        resource=PopulationResource(),
        data="年度,地域,基準日,人口\r\n2024,,2024-10-01,102000\r\n".encode(),
        file_format=JapaneseCSV(),
    )
    assert outcome.errors == []
    assert value_of("0-1", 2024).value == Decimal("4.00")


def test_a_body_saved_in_the_admin_refreshes_3_3(client, city_editor):
    CollaborationBody.objects.update(founded_fiscal_year=2015)
    body = CollaborationBody.objects.get(name="真柴まちづくり協議会")
    client.force_login(city_editor)
    url = reverse("admin:councils_collaborationbody_change", args=[body.pk])
    data = admin_form_data(client.get(url))
    data["status"] = CollaborationBody.Status.DISSOLVED
    data["dissolved_fiscal_year"] = "2024"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert value_of("3-3", 2023).value == 13 and value_of("3-3", 2024).value == 12


def test_closing_a_centre_in_the_admin_refreshes_0_1(client, city_editor):
    record_usage(2022, 12_000)
    center = CivicCenter.objects.order_by("pk").first()
    client.force_login(city_editor)
    url = reverse("admin:centers_civiccenter_change", args=[center.pk])
    data = admin_form_data(client.get(url))
    data["opened_fiscal_year"] = "2023"  # not open in 2022: its visits no longer count
    assert client.post(url, data).status_code == 302
    assert value_of("0-1", 2022).derivation.startswith("33館の利用者数の合計 396,000人")
