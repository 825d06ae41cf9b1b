"""Centre usage, population and management periods in the admin: years offered in 和暦
whatever rows exist, the centres whose usage is 未入力 for a year, and year fields that are a
choice, never a number box."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from centers.models import CenterUsage, CivicCenter, ManagementPeriod, Population
from centers.services import usage_set
from councils.models import CollaborationBody
from tests.admin_forms import admin_form_data, year_options

pytestmark = pytest.mark.django_db

USAGES = reverse("admin:centers_centerusage_changelist")
USAGE_ADD = reverse("admin:centers_centerusage_add")
CENTERS = reverse("admin:centers_civiccenter_changelist")
STAFF = CenterUsage.Source.STAFF
USAGE_YEARS = [str(year) for year in range(2022, 2029)]
USAGE_LABELS = [
    "令和4年度（2022年度）",
    "令和5年度（2023年度）",
    "令和6年度（2024年度）",
    "令和7年度（2025年度）",
    "令和8年度（2026年度）",
    "令和9年度（2027年度）",
    "令和10年度（2028年度）",
]


def selected(html, name):
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no <select> named {name}"
    return re.findall(r'<option value="(\d*)" selected>', select.group(1))


def centers():
    return list(CivicCenter.objects.order_by("pk"))


def test_the_usage_list_offers_every_year_in_wareki_before_any_figure(editor_client):
    assert not CenterUsage.objects.exists()
    html = editor_client.get(USAGES).content.decode()
    for year, label in zip(USAGE_YEARS, USAGE_LABELS, strict=True):
        assert f"?fiscal_year={year}" in html
        assert label in html


def test_the_usage_year_filter_keeps_that_years_figures(editor_client):
    first, second = centers()[:2]
    usage_set(center=first, fiscal_year=2023, visits=100, source=STAFF)
    usage_set(center=first, fiscal_year=2024, visits=110, source=STAFF)
    usage_set(center=second, fiscal_year=2024, visits=120, source=STAFF)
    page = editor_client.get(USAGES, {"fiscal_year": 2024})
    assert sorted(u.visits for u in page.context["cl"].result_list) == [110, 120]
    assert '<td class="field-fiscal_year_wareki">令和6年度</td>' in page.content.decode()


def test_the_centre_list_finds_the_open_centres_whose_usage_is_missing(editor_client):
    first, second, closed, *_rest = centers()
    usage_set(center=first, fiscal_year=2024, visits=100, source=STAFF)
    usage_set(center=second, fiscal_year=2025, visits=100, source=STAFF)
    CivicCenter.objects.filter(pk=closed.pk).update(closed_fiscal_year=2025)
    html = editor_client.get(CENTERS).content.decode()
    assert "この年度の利用者数が未入力" in html
    for year, label in zip(USAGE_YEARS, USAGE_LABELS, strict=True):
        assert f"?missing_usage={year}" in html
        assert label in html
    every = {center.pk for center in centers()}

    def missing(year):
        page = editor_client.get(CENTERS, {"missing_usage": year})
        return {center.pk for center in page.context["cl"].result_list}

    assert missing(2024) == every - {first.pk}
    assert missing(2025) == every - {second.pk, closed.pk}  # closed in 2025: not open
    assert missing(2022) == every


def test_the_usage_add_form_offers_the_years_and_saves_through_the_service(editor_client):
    page = editor_client.get(USAGE_ADD)
    assert year_options(page.content.decode()) == [
        ("", "---------"),
        *zip(USAGE_YEARS, USAGE_LABELS, strict=True),
    ]
    center = centers()[0]
    data = admin_form_data(page)
    data.update(center=str(center.pk), fiscal_year="2022", visits="12000", bookings="")
    assert editor_client.post(USAGE_ADD, data).status_code == 302
    usage = CenterUsage.objects.get()
    assert (usage.center, usage.fiscal_year, usage.visits, usage.source) == (
        center,
        2022,
        12000,
        STAFF,
    )


@pytest.mark.parametrize("year", ["2021", "2029", ""])
def test_the_usage_add_form_refuses_a_year_it_does_not_offer(editor_client, year):
    data = admin_form_data(editor_client.get(USAGE_ADD))
    data.update(center=str(centers()[0].pk), fiscal_year=year, visits="12000")
    response = editor_client.post(USAGE_ADD, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["fiscal_year"]
    assert not CenterUsage.objects.exists()


def test_the_centre_page_keeps_an_older_figures_year_and_saves_it_unchanged(editor_client):
    center = centers()[0]
    # A figure imported for a year before the offered range (imports accept 2000–2100).
    usage_set(center=center, fiscal_year=2019, visits=9000, source=CenterUsage.Source.IMPORT)
    usage_set(center=center, fiscal_year=2023, visits=9500, source=STAFF)
    url = reverse("admin:centers_civiccenter_change", args=[center.pk])
    page = editor_client.get(url)
    html = page.content.decode()
    first = year_options(html, name="usages-0-fiscal_year")
    assert [value for value, _label in first] == ["", "2019", *USAGE_YEARS]
    assert selected(html, "usages-0-fiscal_year") == ["2019"]
    assert [v for v, _label in year_options(html, "usages-1-fiscal_year")] == ["", *USAGE_YEARS]
    assert selected(html, "usages-1-fiscal_year") == ["2023"]

    data = admin_form_data(page)
    assert editor_client.post(url, data).status_code == 302
    assert dict(center.usages.values_list("fiscal_year", "source")) == {
        2019: CenterUsage.Source.IMPORT,  # untouched: the page posted it back as it was
        2023: STAFF,
    }

    data["usages-1-fiscal_year"] = "2019"  # another row cannot take the older year
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert center.usages.get(fiscal_year=2023).visits == 9500


def test_the_management_periods_are_chosen_in_wareki_and_may_stay_open(editor_client):
    center = centers()[0]
    url = reverse("admin:centers_civiccenter_change", args=[center.pk])
    page = editor_client.get(url)
    html = page.content.decode()
    name = "management_periods-__prefix__-first_fiscal_year"
    first_options = year_options(html, name)
    assert first_options[0] == ("", "---------")
    assert ("2005", "平成17年度（2005年度）") in first_options
    assert ("2033", "令和15年度（2033年度）") in first_options

    add = reverse("admin:centers_managementperiod_add")
    data = admin_form_data(editor_client.get(add))
    data.update(
        center=str(center.pk),
        kind=ManagementPeriod.Kind.DIRECT,
        first_fiscal_year="2030",
        last_fiscal_year="",
    )
    center.management_periods.all().delete()
    response = editor_client.post(add, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    period = ManagementPeriod.objects.get(center=center)
    assert (period.first_fiscal_year, period.last_fiscal_year) == (2030, None)

    list_html = editor_client.get(reverse("admin:centers_managementperiod_changelist")).content
    assert '<td class="field-first_year">令和12年度</td>' in list_html.decode()


def test_a_management_period_needs_its_first_year(editor_client):
    center = CivicCenter.objects.filter(management_periods__isnull=True).first()
    add = reverse("admin:centers_managementperiod_add")
    data = admin_form_data(editor_client.get(add))
    data.update(center=str(center.pk), kind=ManagementPeriod.Kind.DIRECT)
    data.update(first_fiscal_year="", last_fiscal_year="")
    response = editor_client.post(add, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["first_fiscal_year"]


def test_a_bodys_page_offers_its_centres_periods_in_wareki(editor_client):
    period = ManagementPeriod.objects.filter(body__isnull=False).first()
    body = CollaborationBody.objects.get(pk=period.body_id)
    page = editor_client.get(reverse("admin:councils_collaborationbody_change", args=[body.pk]))
    html = page.content.decode()
    assert selected(html, "managed_periods-0-first_fiscal_year") == [str(period.first_fiscal_year)]
    assert year_options(html, "managed_periods-0-last_fiscal_year")[0] == ("", "---------")


def test_the_population_form_offers_the_years(editor_client):
    add = reverse("admin:centers_population_add")
    page = editor_client.get(add)
    assert year_options(page.content.decode())[1:] == list(
        zip(USAGE_YEARS, USAGE_LABELS, strict=True)
    )
    data = admin_form_data(page)
    data.update(fiscal_year="2026", as_of="2026-10-01", population="100000")
    assert editor_client.post(add, data).status_code == 302
    assert Population.objects.get(fiscal_year=2026, region=None).population == 100000
    changelist = editor_client.get(reverse("admin:centers_population_changelist"))
    assert re.search(
        r'<th class="field-fiscal_year_wareki"><a [^>]*>令和8年度</a></th>',
        changelist.content.decode(),
    )


def _queries(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


def test_the_lists_take_as_many_queries_for_many_rows_as_for_few(
    editor_client, django_assert_max_num_queries
):
    usage_set(center=centers()[0], fiscal_year=2024, visits=10, source=STAFF, refresh=False)
    few_usages = _queries(editor_client, USAGES)
    few_centers = _queries(editor_client, CENTERS, {"missing_usage": 2025})
    for center in centers():
        for year in (2023, 2024):
            usage_set(center=center, fiscal_year=year, visits=10, source=STAFF, refresh=False)
    with django_assert_max_num_queries(few_usages):
        editor_client.get(USAGES, {"fiscal_year": 2024})
    with django_assert_max_num_queries(few_centers):
        editor_client.get(CENTERS, {"missing_usage": 2024})
