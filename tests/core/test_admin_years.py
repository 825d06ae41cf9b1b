"""The admin's fiscal-year parts: filters offering every year of a range in 和暦, a year
field chosen from a list, and a list column showing 「令和6年度」."""

import pytest
from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.test import RequestFactory

from centers.models import ManagementPeriod
from core.admin import HTTPS_URL_FIELDS
from core.admin_years import (
    FiscalYearField,
    FiscalYearFieldsMixin,
    FiscalYearListFilter,
    MissingInYearFilter,
    fiscal_year_column,
)
from plans.models import Project, ProjectYearStatus

pytestmark = pytest.mark.django_db


class StatusYearFilter(FiscalYearListFilter):
    years = range(2024, 2029)


class MissingStatusFilter(MissingInYearFilter):
    title = "missing"
    parameter_name = "missing"
    missing_lookup = "statuses__fiscal_year"
    years = range(2024, 2029)


class StatusAdmin(FiscalYearFieldsMixin, admin.ModelAdmin):
    fiscal_year_fields = {"fiscal_year": range(2024, 2029)}
    fields = ["project", "fiscal_year", "evaluation"]
    list_display = ["project", "year"]
    list_filter = [StatusYearFilter]
    year = fiscal_year_column()


def make_filter(filter_class, model, **params):
    request = RequestFactory().get("/", params)
    return filter_class(request, {k: [v] for k, v in params.items()}, model, None)


def admin_request(user, **params):
    request = RequestFactory().get("/", params)
    request.user = user
    return request


def make_status(number, year):
    return ProjectYearStatus.objects.create(
        project=Project.objects.get(number=number), fiscal_year=year, evaluation="A"
    )


def test_it_offers_every_year_in_wareki_when_no_row_has_one():
    assert not ProjectYearStatus.objects.exists()
    year_filter = make_filter(StatusYearFilter, ProjectYearStatus)
    assert year_filter.lookup_choices == [
        ("2024", "令和6年度（2024年度）"),
        ("2025", "令和7年度（2025年度）"),
        ("2026", "令和8年度（2026年度）"),
        ("2027", "令和9年度（2027年度）"),
        ("2028", "令和10年度（2028年度）"),
    ]


def test_it_keeps_the_rows_of_the_chosen_year_only():
    make_status(1, 2024)
    make_status(1, 2025)
    make_status(2, 2025)
    year_filter = make_filter(StatusYearFilter, ProjectYearStatus, fiscal_year="2025")
    rows = year_filter.queryset(None, ProjectYearStatus.objects.all())
    assert sorted((s.project.number, s.fiscal_year) for s in rows) == [(1, 2025), (2, 2025)]


@pytest.mark.parametrize("value", ["2030", "abc", ""])
def test_a_year_it_does_not_offer_filters_nothing(value):
    make_status(1, 2024)
    year_filter = make_filter(StatusYearFilter, ProjectYearStatus, fiscal_year=value)
    assert year_filter.chosen_year() is None
    assert year_filter.queryset(None, ProjectYearStatus.objects.all()).count() == 1


def test_the_missing_filter_lists_the_rows_without_one_for_that_year():
    make_status(1, 2024)
    make_status(2, 2025)
    missing = make_filter(MissingStatusFilter, Project, missing="2024")
    numbers = set(missing.queryset(None, Project.objects.all()).values_list("number", flat=True))
    assert numbers == set(range(1, 19)) - {1}


def test_the_form_field_is_a_choice_of_years_labelled_in_wareki():
    field = FiscalYearField(years=range(2024, 2026))
    assert field.choices == [
        ("", "---------"),
        (2024, "令和6年度（2024年度）"),
        (2025, "令和7年度（2025年度）"),
    ]
    assert field.clean("2025") == 2025
    with pytest.raises(Exception, match="選択してください"):
        field.clean("2026")


def test_the_admin_form_turns_only_the_named_field_into_a_choice(admin_user):
    model_admin = StatusAdmin(ProjectYearStatus, admin.site)
    form_class = model_admin.get_form(admin_request(admin_user))
    year = form_class.base_fields["fiscal_year"]
    assert isinstance(year, FiscalYearField)
    assert year.required
    assert year.label == "年度"
    assert not isinstance(form_class.base_fields["evaluation"], FiscalYearField)

    project = Project.objects.get(number=3)
    form = form_class({"project": project.pk, "fiscal_year": "2026", "evaluation": "B"})
    assert form.is_valid(), form.errors
    assert form.save().fiscal_year == 2026

    refused = form_class({"project": project.pk, "fiscal_year": "2029", "evaluation": "B"})
    assert not refused.is_valid()
    assert "fiscal_year" in refused.errors


def test_a_stored_year_outside_the_range_stays_offered_on_its_own_form(admin_user):
    model_admin = StatusAdmin(ProjectYearStatus, admin.site)
    form_class = model_admin.get_form(admin_request(admin_user))
    field = form_class.base_fields["fiscal_year"]
    # A row kept from before the range was set, e.g. read from an older file.
    old = ProjectYearStatus(project=Project.objects.get(number=1), fiscal_year=2023)
    form = form_class(instance=old)
    assert 2023 in [value for value, _label in form["fiscal_year"].field.choices]
    assert '<option value="2023" selected>令和5年度（2023年度）</option>' in str(
        form["fiscal_year"]
    )
    # Only on that form: the class's field and a new row's form offer the range alone.
    assert 2023 not in [value for value, _label in field.choices]
    assert 2023 not in [value for value, _label in form_class()["fiscal_year"].field.choices]


def test_a_nullable_year_may_be_left_blank(admin_user):
    class PeriodAdmin(FiscalYearFieldsMixin, admin.ModelAdmin):
        formfield_overrides = HTTPS_URL_FIELDS
        fiscal_year_fields = {"last_fiscal_year": range(2020, 2030)}

    model_admin = PeriodAdmin(ManagementPeriod, admin.site)
    form_class = model_admin.get_form(admin_request(admin_user))
    last = form_class.base_fields["last_fiscal_year"]
    assert not last.required
    assert last.clean("") is None
    assert last.help_text == "空欄は継続中"


def test_the_column_shows_the_year_in_wareki_and_sorts_by_the_field():
    model_admin = StatusAdmin(ProjectYearStatus, admin.site)
    status = make_status(1, 2024)
    assert model_admin.year(status) == "令和6年度"
    assert model_admin.year.admin_order_field == "fiscal_year"
    assert model_admin.year.short_description == "年度"
    status.fiscal_year = None
    assert model_admin.year(status) is None


def test_the_column_and_filter_render_in_a_changelist(admin_user):
    make_status(1, 2024)
    model_admin = StatusAdmin(ProjectYearStatus, admin.site)
    request = admin_request(admin_user, fiscal_year="2024", o="2")
    changelist = model_admin.get_changelist_instance(request)
    assert isinstance(changelist, ChangeList)
    assert [s.fiscal_year for s in changelist.result_list] == [2024]
    assert changelist.get_ordering(request, changelist.queryset)[0] == "fiscal_year"
