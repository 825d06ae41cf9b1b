"""One rule each for "a centre open in a year" and "who manages a centre in a year"."""

import pytest

from centers.models import CenterUsage, CivicCenter, ManagementPeriod
from core.fiscal import current_fiscal_year
from councils.models import CollaborationBody
from progress_reports.builder import build_report

pytestmark = pytest.mark.django_db


def center(name="山目市民センター", **fields):
    target = CivicCenter.objects.get(name=name)
    for field, value in fields.items():
        setattr(target, field, value)
    target.save()
    return target


def open_names(year):
    return set(CivicCenter.objects.open_in(year).values_list("name", flat=True))


@pytest.mark.parametrize(
    ("opened", "closed", "year", "is_open"),
    [
        (None, None, 2000, True),  # opening year unknown: open since before the records
        (2020, None, 2019, False),  # not opened yet
        (2020, None, 2020, True),  # open in its opening year
        (2015, 2025, 2024, True),  # open up to the year before it closes
        (2015, 2025, 2025, False),  # not open in the year it closes
    ],
)
def test_the_queryset_and_the_method_give_the_same_answer(opened, closed, year, is_open):
    target = center(opened_fiscal_year=opened, closed_fiscal_year=closed)
    assert target.is_open_in(year) is is_open
    assert (target.name in open_names(year)) is is_open


def test_a_closed_centre_is_not_open_in_the_year_it_closes():
    target = center(closed_fiscal_year=2025)
    assert target.is_open_in(2024) and not target.is_open_in(2025)


def test_usage_of_a_closed_centre_no_longer_counts_towards_per_capita_visits():
    target = center(closed_fiscal_year=2025)
    CenterUsage.objects.create(center=target, fiscal_year=2024, visits=100)
    CenterUsage.objects.create(center=target, fiscal_year=2025, visits=100)
    counted = CenterUsage.objects.of_open_centers().filter(center=target)
    assert list(counted.values_list("fiscal_year", flat=True)) == [2024]


@pytest.mark.parametrize(
    ("first", "last", "year", "covers"),
    [
        (2020, None, 2019, False),
        (2020, None, 2020, True),
        (2020, None, 2030, True),  # an open-ended period still runs
        (2020, 2025, 2025, True),  # its last year is included
        (2020, 2025, 2026, False),
    ],
)
def test_covering_and_covers_give_the_same_answer(first, last, year, covers):
    period = ManagementPeriod.objects.create(
        center=center(), kind="直営", first_fiscal_year=first, last_fiscal_year=last
    )
    assert period.covers(year) is covers
    assert ManagementPeriod.objects.covering(year).filter(pk=period.pk).exists() is covers


def test_a_period_ending_mid_plan_leaves_the_centre_without_a_recorded_manager_after_it():
    body = CollaborationBody.objects.get(name="山目地区まちづくり協議会")
    ManagementPeriod.objects.create(
        center=center(), kind="指定管理", body=body, first_fiscal_year=2020, last_fiscal_year=2025
    )
    loaded = CivicCenter.objects.for_listing().get(name="山目市民センター")
    assert loaded.manager_in(2025).body == body
    assert loaded.manager_in(2026) is None  # 記録なし, not assumed 直営
    body = CollaborationBody.objects.prefetch_related("managed_periods__center").get(pk=body.pk)
    assert [c.name for c in body.centers_managed_in(2025)] == ["山目市民センター"]
    assert body.centers_managed_in(2026) == []


def test_the_centres_page_and_the_report_count_the_same_open_centres(client):
    """Before, /centers/ counted every registered centre, the report only the open ones."""
    year = current_fiscal_year()
    center(closed_fiscal_year=year)
    open_count = CivicCenter.objects.open_in(year).count()
    assert open_count == CivicCenter.objects.count() - 1
    html = client.get("/centers/").content.decode()
    assert f"{open_count}館中" in html
    assert "山目市民センター" not in html
    assert build_report(year)["centers"]["total"] == open_count
