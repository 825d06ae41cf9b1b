"""Reporting periods and extensions in the admin: the report's year is chosen among the plan's
years in 和暦, and the lists name it 「令和6年度」."""

import re
from datetime import date

import pytest
from django.urls import reverse

from councils.models import CollaborationBody, ReportExtension, ReportingPeriod
from tests.admin_forms import admin_form_data, year_options

pytestmark = pytest.mark.django_db

PERIOD_ADD = reverse("admin:councils_reportingperiod_add")
EXTENSION_ADD = reverse("admin:councils_reportextension_add")
PLAN_YEARS = [
    ("2024", "令和6年度（2024年度）"),
    ("2025", "令和7年度（2025年度）"),
    ("2026", "令和8年度（2026年度）"),
    ("2027", "令和9年度（2027年度）"),
    ("2028", "令和10年度（2028年度）"),
]


def test_a_reporting_period_is_chosen_among_the_plan_years(admin_client):
    page = admin_client.get(PERIOD_ADD)
    assert year_options(page.content.decode()) == [("", "---------"), *PLAN_YEARS]
    data = admin_form_data(page)
    data.update(fiscal_year="2026", opens_on="2027-04-01", due_on="2027-05-31")
    assert admin_client.post(PERIOD_ADD, data).status_code == 302
    assert ReportingPeriod.objects.get(fiscal_year=2026).due_on == date(2027, 5, 31)
    html = admin_client.get(reverse("admin:councils_reportingperiod_changelist")).content.decode()
    assert re.search(r'class="field-fiscal_year_wareki"><a [^>]*>令和8年度</a>', html)


def test_a_reporting_period_outside_the_plan_is_refused(admin_client):
    data = admin_form_data(admin_client.get(PERIOD_ADD))
    data.update(fiscal_year="2029", opens_on="2030-04-01", due_on="2030-05-31")
    response = admin_client.post(PERIOD_ADD, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["fiscal_year"]
    assert not ReportingPeriod.objects.filter(fiscal_year=2029).exists()


def test_an_extension_names_its_year_in_wareki(admin_client):
    body = CollaborationBody.objects.order_by("pk").first()
    page = admin_client.get(EXTENSION_ADD)
    assert year_options(page.content.decode()) == [("", "---------"), *PLAN_YEARS]
    data = admin_form_data(page)
    data.update(body=str(body.pk), fiscal_year="2025", until="2026-06-30", reason="災害のため")
    assert admin_client.post(EXTENSION_ADD, data).status_code == 302
    assert ReportExtension.objects.get(body=body).fiscal_year == 2025

    html = admin_client.get(reverse("admin:councils_reportextension_changelist")).content.decode()
    assert '<td class="field-fiscal_year_wareki">令和7年度</td>' in html
    for year, label in PLAN_YEARS:
        assert f"?fiscal_year={year}" in html
        assert label in html


def test_the_report_list_offers_every_plan_year(admin_client):
    html = admin_client.get(reverse("admin:councils_annualreport_changelist")).content.decode()
    for year, label in PLAN_YEARS:
        assert f"?fiscal_year={year}" in html
        assert label in html
