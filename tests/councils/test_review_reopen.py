"""Reopening an accepted report from the review page: until when the body may revise it."""

import datetime

import pytest
from django.utils import timezone

from councils.models import AnnualReport, ReportExtension, ReportSnapshot
from councils.services import active_extension, can_body_edit, report_transition

from .conftest import YEAR, complete, form_data

pytestmark = pytest.mark.django_db
Status = AnnualReport.Status


@pytest.fixture
def accepted(started_report, reporter_a, city_editor):
    complete(started_report)
    report_transition(report=started_report, to=Status.SUBMITTED, user=reporter_a)
    report_transition(report=started_report, to=Status.ACCEPTED, user=city_editor)
    return started_report


def review_url(report):
    return f"/portal/review/{report.pk}/"


def days_from_today(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def reopen(client, report, **data):
    post = {"action": "reopen", "activities": "写真の説明を足してください。", **data}
    return client.post(review_url(report), post)


def assert_still_accepted(report):
    report.refresh_from_db()
    assert report.status == Status.ACCEPTED and report.accepted_at
    assert not ReportExtension.objects.filter(body=report.body).exists()
    assert not report.review_comments.exists()
    assert not report.snapshots.filter(kind=ReportSnapshot.Kind.RETURNED).exists()


def test_it_offers_a_date_two_weeks_ahead_with_the_reopen_action(client, city_editor, accepted):
    client.force_login(city_editor)
    html = client.get(review_url(accepted)).content.decode()
    assert "修正の期限" in html
    default = days_from_today(14).isoformat()
    assert f'type="date" name="reopen_until" value="{default}"' in html
    assert 'value="reopen"' in html


def test_it_asks_no_date_when_a_submitted_report_is_returned(
    client, city_editor, reporter_a, started_report
):
    complete(started_report)
    report_transition(report=started_report, to=Status.SUBMITTED, user=reporter_a)
    client.force_login(city_editor)
    html = client.get(review_url(started_report)).content.decode()
    assert 'name="reopen_until"' not in html and "修正の期限" not in html
    response = client.post(
        review_url(started_report), {"action": "return", "activities": "日付を確認してください。"}
    )
    assert response.status_code == 302
    started_report.refresh_from_db()
    assert started_report.status == Status.RETURNED
    assert not ReportExtension.objects.exists()


def test_reopening_with_a_date_lets_the_body_revise_and_resubmit_until_then(
    client, city_editor, reporter_a, accepted, period
):
    # The deadline has passed: only the reopening lets the body work on the report again.
    period.opens_on = days_from_today(-60)
    period.due_on = days_from_today(-1)
    period.save()
    until = days_from_today(7)
    client.force_login(city_editor)
    response = reopen(client, accepted, reopen_until=until.isoformat())
    assert response.status_code == 302
    accepted.refresh_from_db()
    assert accepted.status == Status.RETURNED and accepted.accepted_at is None
    extension = ReportExtension.objects.get(body=accepted.body, fiscal_year=YEAR)
    assert extension.until == until and extension.created_by == city_editor
    assert extension.reason == "受理後の修正"
    assert active_extension(accepted.body, YEAR, today=until) == extension
    assert active_extension(accepted.body, YEAR, today=until + datetime.timedelta(days=1)) is None
    assert accepted.review_comments.get().section == "activities"
    board = client.get("/portal/board/").content.decode()
    assert "修正の期限は" in board and f"{until.month}月{until.day}日です。" in board

    client.force_login(reporter_a)
    assert can_body_edit(accepted, today=until)
    tasks = client.get(f"/portal/reports/{YEAR}/").content.decode()
    assert "修正のお願い" in tasks and "写真の説明を足してください。" in tasks
    page = client.get(f"/portal/reports/{YEAR}/results/")
    data = form_data(page, {"report-results_and_issues": "写真に説明を付けた。", "then": "list"})
    assert client.post(f"/portal/reports/{YEAR}/results/", data).status_code == 302
    assert "同意して提出する" in client.get(f"/portal/reports/{YEAR}/check/").content.decode()
    response = client.post(f"/portal/reports/{YEAR}/check/")
    assert response.status_code == 302
    assert response["Location"] == f"/portal/reports/{YEAR}/submitted/"
    accepted.refresh_from_db()
    assert accepted.status == Status.SUBMITTED
    assert accepted.results_and_issues == "写真に説明を付けた。"


def test_today_is_the_earliest_date(client, city_editor, accepted):
    client.force_login(city_editor)
    assert (
        reopen(client, accepted, reopen_until=timezone.localdate().isoformat()).status_code == 302
    )
    assert ReportExtension.objects.get(body=accepted.body).until == timezone.localdate()


def test_a_past_date_is_refused_and_nothing_changes(client, city_editor, accepted):
    client.force_login(city_editor)
    response = reopen(client, accepted, reopen_until=days_from_today(-1).isoformat())
    assert response.status_code == 200
    assert "修正の期限は今日以降の日付にしてください。" in response.content.decode()
    assert_still_accepted(accepted)


def test_a_post_without_a_date_is_refused_and_nothing_changes(client, city_editor, accepted):
    """The page always sends a date (two weeks ahead unless changed); a request without one
    has been altered or cleared, and is refused rather than given a date no one chose."""
    client.force_login(city_editor)
    response = reopen(client, accepted)
    assert response.status_code == 200
    assert "修正の期限を入力してください。" in response.content.decode()
    assert_still_accepted(accepted)
    response = reopen(client, accepted, reopen_until="来週")
    assert "修正の期限を、正しい日付で入力してください。" in response.content.decode()
    assert_still_accepted(accepted)


def test_the_return_button_sent_for_an_accepted_report_needs_the_date_too(
    client, city_editor, accepted
):
    """Returning an accepted report is a reopening, whichever action the request names."""
    client.force_login(city_editor)
    response = client.post(
        review_url(accepted), {"action": "return", "activities": "写真の説明を足してください。"}
    )
    assert "修正の期限を入力してください。" in response.content.decode()
    assert_still_accepted(accepted)


def test_a_viewer_cannot_reopen(client, city_viewer, accepted):
    client.force_login(city_viewer)
    html = client.get(review_url(accepted)).content.decode()
    assert 'name="reopen_until"' not in html
    response = reopen(client, accepted, reopen_until=days_from_today(7).isoformat())
    assert response.status_code == 403
    assert_still_accepted(accepted)
