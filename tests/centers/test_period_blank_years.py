"""A management period saved with a year left blank: the admin (the period's own form, the
centre's page and the body's page) and the import answer with the field's error, and the
checks of the period's years against each other skip a year that is missing."""

import pytest
from django.urls import reverse

from centers.models import CivicCenter, ManagementPeriod
from centers.resources import ManagementPeriodResource
from centers.services import check_no_overlap
from core.formats import JapaneseCSV
from core.resources import import_file
from councils.models import CollaborationBody
from tests.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db

PERIOD_ADD = reverse("admin:centers_managementperiod_add")
REQUIRED = "このフィールドは必須です。"
DIRECT = ManagementPeriod.Kind.DIRECT
DESIGNATED = ManagementPeriod.Kind.DESIGNATED


def center_with_periods() -> CivicCenter:
    center = CivicCenter.objects.order_by("pk").first()
    center.management_periods.all().delete()
    ManagementPeriod.objects.create(
        center=center, kind=DIRECT, first_fiscal_year=2010, last_fiscal_year=2019
    )
    ManagementPeriod.objects.create(center=center, kind=DIRECT, first_fiscal_year=2020)
    return center


def center_without_periods() -> CivicCenter:
    center = CivicCenter.objects.order_by("pk").last()
    center.management_periods.all().delete()
    return center


def stored_periods(center) -> list[tuple[int, int | None]]:
    return list(
        center.management_periods.order_by("first_fiscal_year").values_list(
            "first_fiscal_year", "last_fiscal_year"
        )
    )


def add_inline_row(data: dict[str, str], prefix: str, **values) -> None:
    """Append a new row to the inline ``prefix`` of posted admin data."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    for name, value in values.items():
        data[f"{prefix}-{index}-{name}"] = str(value)


def inline_errors(response, prefix: str) -> list[dict]:
    formset = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == prefix
    )
    return [form.errors for form in formset.forms]


# The period's own admin form.


@pytest.mark.parametrize("has_other_periods", [False, True])
def test_the_add_form_asks_for_the_first_year_when_only_the_last_is_given(
    editor_client, has_other_periods
):
    center = center_with_periods() if has_other_periods else center_without_periods()
    before = stored_periods(center)
    data = admin_form_data(editor_client.get(PERIOD_ADD))
    data.update(center=str(center.pk), kind=DIRECT, first_fiscal_year="", last_fiscal_year="2024")
    response = editor_client.post(PERIOD_ADD, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["first_fiscal_year"] == [REQUIRED]
    assert "last_fiscal_year" not in errors and "__all__" not in errors
    assert stored_periods(center) == before


def test_the_add_form_asks_for_the_first_year_beside_other_periods(editor_client):
    center = center_with_periods()
    data = admin_form_data(editor_client.get(PERIOD_ADD))
    data.update(center=str(center.pk), kind=DIRECT, first_fiscal_year="", last_fiscal_year="")
    response = editor_client.post(PERIOD_ADD, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["first_fiscal_year"] == [REQUIRED]
    assert stored_periods(center) == [(2010, 2019), (2020, None)]


def test_the_add_form_still_refuses_a_period_ending_before_it_starts(editor_client):
    center = center_without_periods()
    data = admin_form_data(editor_client.get(PERIOD_ADD))
    data.update(
        center=str(center.pk), kind=DIRECT, first_fiscal_year="2024", last_fiscal_year="2020"
    )
    response = editor_client.post(PERIOD_ADD, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["last_fiscal_year"] == [
        "終了年度は開始年度以降にしてください。"
    ]


def test_the_add_form_still_refuses_an_overlap_with_a_stored_period(editor_client):
    center = center_with_periods()
    data = admin_form_data(editor_client.get(PERIOD_ADD))
    data.update(
        center=str(center.pk), kind=DIRECT, first_fiscal_year="2015", last_fiscal_year="2016"
    )
    response = editor_client.post(PERIOD_ADD, data)
    assert response.status_code == 200
    assert "重なっています" in str(response.context["adminform"].form.errors["__all__"])


# The periods on the centre's page.


def center_page(editor_client, center):
    url = reverse("admin:centers_civiccenter_change", args=[center.pk])
    return url, admin_form_data(editor_client.get(url))


def test_the_centre_page_asks_for_a_new_rows_first_year(editor_client):
    center = center_with_periods()
    url, data = center_page(editor_client, center)
    add_inline_row(
        data, "management_periods", kind=DIRECT, first_fiscal_year="", last_fiscal_year=2024
    )
    response = editor_client.post(url, data)
    assert response.status_code == 200
    errors = inline_errors(response, "management_periods")
    assert errors[-1] == {"first_fiscal_year": [REQUIRED]}
    assert all(not form_errors for form_errors in errors[:-1])
    assert stored_periods(center) == [(2010, 2019), (2020, None)]


def test_the_centre_page_with_blank_years_among_several_new_rows(editor_client):
    center = center_without_periods()
    url, data = center_page(editor_client, center)
    add_inline_row(
        data, "management_periods", kind=DIRECT, first_fiscal_year=2010, last_fiscal_year=2019
    )
    add_inline_row(
        data, "management_periods", kind=DIRECT, first_fiscal_year="", last_fiscal_year=""
    )
    add_inline_row(
        data, "management_periods", kind=DIRECT, first_fiscal_year="", last_fiscal_year=2030
    )
    response = editor_client.post(url, data)
    assert response.status_code == 200
    errors = inline_errors(response, "management_periods")
    assert errors == [{}, {"first_fiscal_year": [REQUIRED]}, {"first_fiscal_year": [REQUIRED]}]
    assert stored_periods(center) == []


def test_the_centre_page_checks_its_rows_against_each_other_beside_a_blank_one(editor_client):
    # The row without years passes its own checks (the centre has no stored period); the
    # check of the rows against each other must then leave it to the field's error.
    center = center_without_periods()
    url, data = center_page(editor_client, center)
    add_inline_row(
        data, "management_periods", kind=DIRECT, first_fiscal_year=2010, last_fiscal_year=2019
    )
    add_inline_row(
        data, "management_periods", kind=DIRECT, first_fiscal_year="", last_fiscal_year=""
    )
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert inline_errors(response, "management_periods") == [
        {},
        {"first_fiscal_year": [REQUIRED]},
    ]
    assert stored_periods(center) == []


def test_the_centre_page_blanks_a_stored_periods_first_year(editor_client):
    center = center_with_periods()
    url, data = center_page(editor_client, center)
    data["management_periods-1-first_fiscal_year"] = ""
    response = editor_client.post(url, data)
    assert response.status_code == 200
    errors = inline_errors(response, "management_periods")
    assert errors[1] == {"first_fiscal_year": [REQUIRED]}
    assert stored_periods(center) == [(2010, 2019), (2020, None)]


def test_the_centre_page_still_refuses_overlapping_rows_beside_a_blank_one(editor_client):
    center = center_without_periods()
    url, data = center_page(editor_client, center)
    add_inline_row(
        data, "management_periods", kind=DIRECT, first_fiscal_year=2010, last_fiscal_year=2019
    )
    add_inline_row(
        data, "management_periods", kind=DIRECT, first_fiscal_year="", last_fiscal_year=2016
    )
    add_inline_row(data, "management_periods", kind=DIRECT, first_fiscal_year=2015)
    response = editor_client.post(url, data)
    assert response.status_code == 200
    formset = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == "management_periods"
    )
    assert "重なっています" in str(formset.non_form_errors())
    assert stored_periods(center) == []


# The centres on the body's page.


def test_the_body_page_asks_for_a_new_rows_first_year(editor_client):
    body = CollaborationBody.objects.order_by("pk").first()
    center = center_with_periods()
    url = reverse("admin:councils_collaborationbody_change", args=[body.pk])
    data = admin_form_data(editor_client.get(url))
    add_inline_row(
        data,
        "managed_periods",
        center=center.pk,
        kind=DESIGNATED,
        first_fiscal_year="",
        last_fiscal_year=2024,
    )
    add_inline_row(
        data,
        "managed_periods",
        center=center.pk,
        kind=DESIGNATED,
        first_fiscal_year="",
        last_fiscal_year="",
    )
    response = editor_client.post(url, data)
    assert response.status_code == 200
    errors = inline_errors(response, "managed_periods")
    assert errors[-2:] == [{"first_fiscal_year": [REQUIRED]}, {"first_fiscal_year": [REQUIRED]}]
    assert stored_periods(center) == [(2010, 2019), (2020, None)]


# The service and the import.


def test_the_overlap_check_skips_periods_without_a_first_year():
    center = center_without_periods()
    periods = [
        ManagementPeriod(center=center, kind=DIRECT, first_fiscal_year=2010, last_fiscal_year=2019),
        ManagementPeriod(center=center, kind=DIRECT, first_fiscal_year=None, last_fiscal_year=2015),
        ManagementPeriod(center=center, kind=DIRECT, first_fiscal_year=2020),
    ]
    check_no_overlap(periods)  # no error, no crash
    periods.append(ManagementPeriod(center=center, kind=DIRECT, first_fiscal_year=2018))
    with pytest.raises(Exception, match="重なっています"):
        check_no_overlap(periods)


def test_an_imported_period_without_its_first_year_is_refused_by_row():
    center = center_with_periods()
    outcome = import_file(
        resource=ManagementPeriodResource(),
        data=(
            "市民センター,管理の方法,開始年度,終了年度\n"
            f"{center.name},直営,,2030\n"
            f"{center.name},直営,,\n"
        ).encode(),
        file_format=JapaneseCSV(),
    )
    assert outcome.errors == [
        "2行目「開始年度」：年度が空欄です。",
        "3行目「開始年度」：年度が空欄です。",
    ]
    assert stored_periods(center) == [(2010, 2019), (2020, None)]
