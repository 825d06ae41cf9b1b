"""The sample FY2025 reports: one awaiting review, one returned, both of sample bodies."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from councils.models import (
    AnnualReport,
    BodyReporter,
    CollaborationBody,
    ReportingPeriod,
    ReportSnapshot,
    ReviewComment,
)
from outbox.models import OutgoingMail

pytestmark = pytest.mark.django_db
Status = AnnualReport.Status
SAMPLE_USERNAMES = ["sample-reporter-1", "sample-reporter-2", "sample-staff"]


def load(*args):
    out = io.StringIO()
    call_command("load_sample_data", *args, stdout=out)
    return out.getvalue()


def sample_reports():
    reports = AnnualReport.objects.select_related("body").order_by("status")
    return {report.status: report for report in reports}


def state():
    """What the loader could have written about reports, counted."""
    return {
        "reports": list(AnnualReport.objects.values_list("pk", "status", "updated_at")),
        "comments": ReviewComment.objects.count(),
        "snapshots": ReportSnapshot.objects.count(),
        "history": AnnualReport.history.count(),
        "reporters": BodyReporter.objects.count(),
        "users": get_user_model().objects.count(),
        "periods": ReportingPeriod.objects.count(),
        "mails": OutgoingMail.objects.count(),
    }


def test_it_files_one_submitted_and_one_returned_fy2025_report_of_sample_bodies(city_editor):
    city_editor.email = "kyodo@example.jp"  # an editor who would be told of a submission
    city_editor.save()
    load()
    assert AnnualReport.objects.count() == 2
    reports = sample_reports()
    assert set(reports) == {Status.SUBMITTED, Status.RETURNED}
    submitted, returned = reports[Status.SUBMITTED], reports[Status.RETURNED]
    assert submitted.body != returned.body
    for report in (submitted, returned):
        assert report.fiscal_year == 2025
        assert report.body.is_sample and report.body.name.startswith("【サンプル】")
        assert report.submitted_at and report.accepted_at is None
        assert report.results_and_issues.startswith("（サンプル）")
        assert report.activities.count() == 3
        assert report.snapshots.filter(kind=ReportSnapshot.Kind.SUBMITTED).exists()
        assert report.history.filter(history_change_reason="submit").get().history_user == (
            report.body.reporters.get().user
        )
    comment = returned.review_comments.get()
    assert comment.section == "activities" and comment.comment.startswith("（サンプル）")
    assert comment.created_by.username == "sample-staff"
    assert returned.returned_at and not submitted.review_comments.exists()
    assert OutgoingMail.objects.count() == 0  # sample reports tell no one


def test_no_one_can_log_in_with_the_sample_accounts():
    load()
    users = get_user_model().objects.filter(username__in=SAMPLE_USERNAMES)
    assert users.count() == 3
    assert not any(user.has_usable_password() or user.email for user in users)
    staff = users.get(username="sample-staff")
    assert staff.is_staff and not staff.is_active


def test_loading_again_changes_nothing():
    assert "追加しました" in load()
    before = state()
    assert "変更なし" in load()
    assert state() == before


def test_the_board_lists_them_and_an_editor_can_open_the_submitted_one(client, city_editor):
    load()
    reports = sample_reports()
    client.force_login(city_editor)
    board = client.get("/portal/board/").content.decode()
    for report in reports.values():
        assert f'href="/portal/review/{report.pk}/"' in board
    page = client.get(f"/portal/review/{reports[Status.SUBMITTED].pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "（サンプル）ふるさと夏まつり" in html
    assert 'value="accept"' in html and 'value="return"' in html
    returned = client.get(f"/portal/review/{reports[Status.RETURNED].pk}/").content.decode()
    assert "（サンプル）「地区防災訓練」の参加者数" in returned


def test_removing_the_sample_data_removes_them_and_their_accounts():
    load()
    assert "削除しました" in load("--remove")
    assert not AnnualReport.objects.exists()
    assert not CollaborationBody.objects.filter(is_sample=True).exists()
    assert not BodyReporter.objects.exists()
    assert not get_user_model().objects.filter(username__in=SAMPLE_USERNAMES).exists()
    assert "追加しました" in load()  # and they come back
    assert AnnualReport.objects.count() == 2


def test_a_closed_fy2025_period_gets_no_sample_report():
    today = timezone.localdate()
    ReportingPeriod.objects.create(
        fiscal_year=2025,
        opens_on=today - datetime.timedelta(days=90),
        due_on=today - datetime.timedelta(days=30),
    )
    load()
    assert not AnnualReport.objects.exists()
    assert not get_user_model().objects.filter(username__in=SAMPLE_USERNAMES).exists()
