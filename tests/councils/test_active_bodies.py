"""One rule for "a body active in a fiscal year", and the pages and counts that share it."""

import datetime

import pytest
from django.utils import timezone

from core.fiscal import current_fiscal_year
from councils.board import board_rows, survey_aggregates
from councils.derived import bodies_founded
from councils.models import CollaborationBody, ReportingPeriod

pytestmark = pytest.mark.django_db


def body(name="真柴まちづくり協議会", **fields):
    target = CollaborationBody.objects.get(name=name)
    for field, value in fields.items():
        setattr(target, field, value)
    target.save()
    return target


def dissolve(target, year):
    return body(target.name, status=CollaborationBody.Status.DISSOLVED, dissolved_fiscal_year=year)


def active_names(year):
    return set(CollaborationBody.objects.active_in(year).values_list("name", flat=True))


@pytest.mark.parametrize(
    ("founded", "dissolved", "year", "active"),
    [
        (None, None, 2000, True),  # founding year unknown: registered, so active
        (2015, None, 2014, False),  # not founded yet
        (2015, None, 2015, True),  # active in its founding year
        (2015, 2024, 2023, True),  # active up to the year before dissolution
        (2015, 2024, 2024, False),  # not active in the year it dissolved
        (None, 2024, 2024, False),  # unknown founding year, dissolved
    ],
)
def test_the_queryset_and_the_method_give_the_same_answer(founded, dissolved, year, active):
    fields = {"founded_fiscal_year": founded}
    if dissolved is not None:
        fields |= {"status": CollaborationBody.Status.DISSOLVED, "dissolved_fiscal_year": dissolved}
    target = body(**fields)
    assert target.is_active_in(year) is active
    assert (target.name in active_names(year)) is active


def test_a_body_with_an_unknown_founding_year_is_active():
    target = body(founded_fiscal_year=None)
    assert target.is_active_in(2024)
    assert target.name in active_names(2024)


def test_a_dissolved_body_is_active_until_the_year_before_its_dissolution():
    target = dissolve(body(founded_fiscal_year=2015), 2025)
    assert target.is_active_in(2024)
    assert not target.is_active_in(2025)
    assert not target.is_active_in(2026)


def test_the_bodies_page_the_board_the_survey_and_3_3_count_the_same_bodies(client):
    """Before, /bodies/ and the board counted every registered body, 3-3 only active ones."""
    year = current_fiscal_year()
    CollaborationBody.objects.update(founded_fiscal_year=2015)
    dissolve(body("真柴まちづくり協議会"), year)
    body("興田地区振興会", founded_fiscal_year=year + 1)
    today = timezone.localdate()
    ReportingPeriod.objects.create(
        fiscal_year=year, opens_on=today, due_on=today + datetime.timedelta(days=30)
    )
    active = CollaborationBody.objects.active_in(year).count()
    assert active == CollaborationBody.objects.count() - 2

    html = client.get("/bodies/").content.decode()
    assert f"このサイトに登録されている地域協働体は{active}団体です" in html
    assert "真柴まちづくり協議会" not in html and "興田地区振興会" not in html
    assert f"0／{active}団体" in board_rows()["rates"][0]["rate"]
    assert survey_aggregates(year, public=True)["total"] == active
    assert bodies_founded([year])[year].value == active


def test_the_board_expects_no_report_from_a_body_that_is_not_active(client, city_viewer):
    year = current_fiscal_year()
    target = dissolve(body(founded_fiscal_year=2015), year)
    today = timezone.localdate()
    ReportingPeriod.objects.create(
        fiscal_year=year,
        opens_on=today - datetime.timedelta(days=60),
        due_on=today - datetime.timedelta(days=30),
    )
    row = next(row for row in board_rows()["rows"] if row["body"] == target)
    assert row["cells"][0]["expected"] is False
    assert row["cells"][0]["overdue"] == 0
    client.force_login(city_viewer)
    html = client.get("/portal/board/").content.decode()
    cell = html[html.index(target.name) :]
    assert "対象外" in cell[: cell.index("</tr>")]
