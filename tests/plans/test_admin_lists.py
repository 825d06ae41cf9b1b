"""The yearly statuses and projects in the admin: every plan year offered in 和暦, the projects
whose status is 未入力 for a year, and a list that reads at a desktop width."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.models import Project, ProjectYearStatus
from plans.services import statuses_set_published
from tests.admin_forms import admin_form_data, year_options

pytestmark = pytest.mark.django_db

STATUSES = reverse("admin:plans_projectyearstatus_changelist")
STATUS_ADD = reverse("admin:plans_projectyearstatus_add")
PROJECTS = reverse("admin:plans_project_changelist")
PLAN_LABELS = [
    "令和6年度（2024年度）",
    "令和7年度（2025年度）",
    "令和8年度（2026年度）",
    "令和9年度（2027年度）",
    "令和10年度（2028年度）",
]


def make_status(number, year, evaluation="A"):
    return ProjectYearStatus.objects.create(
        project=Project.objects.get(number=number), fiscal_year=year, evaluation=evaluation
    )


def test_it_offers_every_plan_year_in_wareki_before_any_status_exists(editor_client):
    assert not ProjectYearStatus.objects.exists()
    html = editor_client.get(STATUSES).content.decode()
    for year, label in zip(range(2024, 2029), PLAN_LABELS, strict=True):
        assert f"?fiscal_year={year}" in html
        assert label in html


def test_the_year_filter_keeps_that_years_statuses(editor_client):
    make_status(1, 2024)
    make_status(1, 2025)
    make_status(2, 2025)
    page = editor_client.get(STATUSES, {"fiscal_year": 2025})
    rows = page.context["cl"].result_list
    assert sorted((s.project.number, s.fiscal_year) for s in rows) == [(1, 2025), (2, 2025)]


def test_the_list_shows_the_year_in_wareki_and_the_grade_with_its_label(editor_client, city_editor):
    status = make_status(11, 2024, evaluation="B")
    statuses_set_published(statuses=[status], published=True, user=city_editor)
    html = editor_client.get(STATUSES).content.decode()
    assert '<td class="field-fiscal_year_wareki">令和6年度</td>' in html
    assert 'title="B 概ね計画どおり"' in html
    assert '<span class="visually-hidden">B 概ね計画どおり</span>' in html
    for column, header in [
        ("is_published", "公開"),
        ("published_when", "公開日時"),
        ("last_update", "最終更新"),
    ]:
        assert re.search(
            rf'class="sortable column-{column}">\s*<div class="text"><a [^>]*>{header}<', html
        )
    assert re.search(r'<td class="field-published_when">\d{4}/\d\d/\d\d \d+:\d\d</td>', html)
    assert re.search(r'<td class="field-last_update">editor<br>\d{4}/\d\d/\d\d \d+:\d\d</td>', html)


def test_the_list_sorts_by_year_and_grade(editor_client):
    make_status(1, 2025, evaluation="C")
    make_status(2, 2024, evaluation="A")
    page = editor_client.get(STATUSES, {"o": "-2"})  # the year column, newest first
    assert [s.fiscal_year for s in page.context["cl"].result_list] == [2025, 2024]
    page = editor_client.get(STATUSES, {"o": "4"})  # the grade column
    assert [s.evaluation for s in page.context["cl"].result_list] == ["A", "C"]


def test_the_projects_list_finds_the_projects_whose_status_is_missing(editor_client, city_editor):
    make_status(1, 2024)  # a draft counts as entered
    statuses_set_published(statuses=[make_status(2, 2024)], published=True, user=city_editor)
    make_status(3, 2025)
    html = editor_client.get(PROJECTS).content.decode()
    assert "この年度の状況が未入力" in html
    for year, label in zip(range(2024, 2029), PLAN_LABELS, strict=True):
        assert f"?missing_status={year}" in html
        assert label in html

    def missing(year):
        page = editor_client.get(PROJECTS, {"missing_status": year})
        return {project.number for project in page.context["cl"].result_list}

    assert missing(2024) == set(range(3, 19))
    assert missing(2025) == set(range(1, 19)) - {3}
    assert missing(2028) == set(range(1, 19))


def test_the_add_form_offers_the_plan_years_and_saves_the_chosen_one(editor_client, city_editor):
    page = editor_client.get(STATUS_ADD)
    options = year_options(page.content.decode())
    assert options == [
        ("", "---------"),
        *zip(map(str, range(2024, 2029)), PLAN_LABELS, strict=True),
    ]
    data = admin_form_data(page)
    data.update(project=str(Project.objects.get(number=5).pk), fiscal_year="2026", evaluation="A")
    response = editor_client.post(STATUS_ADD, data)
    assert response.status_code == 302
    status = ProjectYearStatus.objects.get(project__number=5)
    assert status.fiscal_year == 2026
    assert status.updated_by == city_editor


@pytest.mark.parametrize("year", ["2023", "2029", ""])
def test_the_add_form_refuses_a_year_it_does_not_offer(editor_client, year):
    data = admin_form_data(editor_client.get(STATUS_ADD))
    data.update(project=str(Project.objects.get(number=5).pk), fiscal_year=year, evaluation="A")
    response = editor_client.post(STATUS_ADD, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["fiscal_year"]
    assert not ProjectYearStatus.objects.exists()


def test_the_change_form_keeps_the_year_and_can_move_it(editor_client):
    status = make_status(4, 2024)
    url = reverse("admin:plans_projectyearstatus_change", args=[status.pk])
    page = editor_client.get(url)
    assert ("2024", "令和6年度（2024年度）") in year_options(page.content.decode())
    assert '<option value="2024" selected>' in page.content.decode()
    data = admin_form_data(page)
    data["fiscal_year"] = "2027"
    assert editor_client.post(url, data).status_code == 302
    status.refresh_from_db()
    assert status.fiscal_year == 2027


def test_the_project_page_inline_offers_the_plan_years(editor_client):
    status = make_status(6, 2025)
    url = reverse("admin:plans_project_change", args=[status.project.pk])
    page = editor_client.get(url)
    html = page.content.decode()
    options = year_options(html, name="statuses-0-fiscal_year")
    assert [value for value, _label in options] == ["", "2024", "2025", "2026", "2027", "2028"]
    assert re.search(
        r'name="statuses-0-fiscal_year"[^>]*>.*?<option value="2025" selected', html, re.S
    )
    data = admin_form_data(page)
    data["statuses-0-fiscal_year"] = "2026"
    assert editor_client.post(url, data).status_code == 302
    status.refresh_from_db()
    assert status.fiscal_year == 2026


def _queries(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


def test_the_status_list_takes_as_many_queries_for_many_rows_as_for_few(
    editor_client, django_assert_max_num_queries
):
    make_status(1, 2024)
    few = _queries(editor_client, STATUSES, {"fiscal_year": 2024})
    for number in range(2, 19):
        for year in (2024, 2025):
            make_status(number, year)
    with django_assert_max_num_queries(few):
        editor_client.get(STATUSES, {"fiscal_year": 2024})
    with django_assert_max_num_queries(few):
        editor_client.get(STATUSES)


def test_the_projects_list_takes_as_many_queries_whatever_is_missing(
    editor_client, django_assert_max_num_queries
):
    plain = _queries(editor_client, PROJECTS)
    for number in range(1, 10):
        make_status(number, 2024)
    with django_assert_max_num_queries(plain):
        editor_client.get(PROJECTS, {"missing_status": 2024})
