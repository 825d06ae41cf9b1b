import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from centers.models import CivicCenter, ManagementPeriod
from councils.models import CollaborationBody

pytestmark = pytest.mark.django_db


def center(name="山目市民センター"):
    return CivicCenter.objects.get(name=name)


def period(**fields):
    defaults = {"center": center(), "kind": "直営", "first_fiscal_year": 2015}
    defaults.update(fields)
    return ManagementPeriod(**defaults)


def test_who_manages_it_in_a_fiscal_year():
    ManagementPeriod.objects.create(
        center=center(), kind="直営", first_fiscal_year=2015, last_fiscal_year=2019
    )
    body = CollaborationBody.objects.get(name="山目地区まちづくり協議会")
    ManagementPeriod.objects.create(
        center=center(), kind="指定管理", body=body, first_fiscal_year=2020
    )
    loaded = CivicCenter.objects.for_listing().get(name="山目市民センター")
    assert loaded.manager_in(2019).kind == "直営"
    assert loaded.manager_in(2024).body == body
    assert loaded.manager_in(2014) is None


def test_overlapping_periods_of_one_centre_are_refused():
    ManagementPeriod.objects.create(
        center=center(), kind="直営", first_fiscal_year=2015, last_fiscal_year=2020
    )
    with pytest.raises(ValidationError, match="重なっています"):
        period(kind="指定管理", first_fiscal_year=2020).full_clean()
    period(kind="指定管理", first_fiscal_year=2021).full_clean()  # adjacent is fine


def test_an_open_ended_period_overlaps_everything_after_it():
    ManagementPeriod.objects.create(center=center(), kind="直営", first_fiscal_year=2015)
    with pytest.raises(ValidationError):
        period(first_fiscal_year=2030, last_fiscal_year=2031).full_clean()


def test_a_direct_period_has_no_body_in_the_database():
    body = CollaborationBody.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        ManagementPeriod.objects.create(
            center=center(), kind="直営", body=body, first_fiscal_year=2015
        )


def test_a_period_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        ManagementPeriod.objects.create(
            center=center(), kind="直営", first_fiscal_year=2020, last_fiscal_year=2019
        )


def test_the_admin_refuses_two_overlapping_new_periods_at_once(admin_client):
    target = center("厳美市民センター")
    url = reverse("admin:centers_civiccenter_change", args=[target.pk])
    data = {
        "name": target.name,
        "slug": target.slug,
        "region": target.region_id,
        "district": target.district_id,
        "management_periods-TOTAL_FORMS": 2,
        "management_periods-INITIAL_FORMS": 0,
        "management_periods-0-kind": "直営",
        "management_periods-0-first_fiscal_year": 2015,
        "management_periods-0-last_fiscal_year": 2022,
        "management_periods-1-kind": "直営",
        "management_periods-1-first_fiscal_year": 2020,
        "usages-TOTAL_FORMS": 0,
        "usages-INITIAL_FORMS": 0,
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "重なっています" in response.content.decode()
    assert not ManagementPeriod.objects.filter(center=target).exists()


def test_who_manages_it_costs_no_query_after_for_listing(django_assert_num_queries):
    target = CivicCenter.objects.for_listing().get(name="真柴市民センター")
    with django_assert_num_queries(0):
        assert target.manager_in(2024).body.name == "真柴まちづくり協議会"
        assert target.manager_in(2016) is None


def test_a_renamed_file_is_not_accepted_as_a_plan_pdf():
    from django.core.files.uploadedfile import SimpleUploadedFile

    body = CollaborationBody.objects.first()
    body.plan_pdf = SimpleUploadedFile("plan.pdf", b"<html>not a pdf</html>")
    with pytest.raises(ValidationError, match="PDFファイルではありません"):
        body.full_clean()
    body.plan_pdf = SimpleUploadedFile("plan.pdf", b"%PDF-1.7\n...")
    body.full_clean()
