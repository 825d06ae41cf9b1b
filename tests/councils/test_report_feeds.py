"""What an accepted report feeds (centre usage, 0-1, 2-1), and what it never overwrites."""

import datetime

import pytest
from django.urls import reverse

from centers.models import CenterUsage, CivicCenter
from centers.services import usage_set
from councils.models import AnnualReport
from councils.services import report_transition
from tests.admin_forms import admin_form_data

from .conftest import YEAR, complete

pytestmark = pytest.mark.django_db
Status = AnnualReport.Status


def reported_usage():
    return CenterUsage.objects.get(center__name="真柴市民センター", fiscal_year=YEAR)


def test_a_staff_correction_of_a_reported_figure_survives_reopening_the_report(
    client, started_report, reporter_a, city_editor
):
    complete(started_report, visits=15_000)
    report_transition(report=started_report, to=Status.SUBMITTED, user=reporter_a)
    report_transition(report=started_report, to=Status.ACCEPTED, user=city_editor)
    usage = reported_usage()
    assert usage.source == CenterUsage.Source.BODY_REPORT

    client.force_login(city_editor)
    url = reverse("admin:centers_centerusage_change", args=[usage.pk])
    data = admin_form_data(client.get(url))
    data["visits"] = "14500"
    assert client.post(url, data).status_code == 302
    usage.refresh_from_db()
    assert usage.visits == 14_500
    assert usage.source == CenterUsage.Source.STAFF

    report_transition(
        report=started_report, to=Status.RETURNED, user=city_editor,
        comments={"centers": "利用者数を確認してください。"},
        reopen_until=datetime.date.today() + datetime.timedelta(days=7),
    )  # fmt: skip
    usage = reported_usage()
    assert usage.visits == 14_500 and usage.source == CenterUsage.Source.STAFF


def test_an_imported_figure_is_not_replaced_by_a_report(started_report, reporter_a, city_editor):
    usage_set(
        center=CivicCenter.objects.get(name="真柴市民センター"),
        fiscal_year=YEAR,
        visits=9_000,
        source=CenterUsage.Source.IMPORT,
    )
    complete(started_report, visits=15_000)
    report_transition(report=started_report, to=Status.SUBMITTED, user=reporter_a)
    report_transition(report=started_report, to=Status.ACCEPTED, user=city_editor)
    assert reported_usage().visits == 9_000
    report_transition(
        report=started_report, to=Status.RETURNED, user=city_editor,
        comments={"centers": "確認してください。"},
    )  # fmt: skip
    assert reported_usage().visits == 9_000


def test_accepting_a_report_takes_23_queries(
    started_report, reporter_a, city_editor, django_assert_max_num_queries
):
    # 31 before usage and the indicators were written through their services: one read of
    # the stored actuals per refresh, 2-1 counted in one grouped query, 0-1 and 2-1
    # refreshed together once.
    complete(started_report, visits=15_000)
    report_transition(report=started_report, to=Status.SUBMITTED, user=reporter_a)
    with django_assert_max_num_queries(23):
        report_transition(report=started_report, to=Status.ACCEPTED, user=city_editor)
    assert reported_usage().source == CenterUsage.Source.BODY_REPORT
