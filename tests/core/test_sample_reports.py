"""The sample reports, all of sample bodies: a FY2025 one awaiting review and a returned
one, and accepted FY2024 and FY2025 ones with activities, photos and survey answers."""

import datetime
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from centers.models import CenterUsage
from councils.models import (
    Activity,
    ActivityPhoto,
    AnnualReport,
    BodyReporter,
    CollaborationBody,
    ReportExtension,
    ReportingPeriod,
    ReportSnapshot,
    ReviewComment,
)
from indicators.models import IndicatorValue
from outbox.models import OutgoingMail

pytestmark = pytest.mark.django_db
Status = AnnualReport.Status
ACCEPTED_REPORTERS = [f"sample-reporter-{number}" for number in range(3, 9)]
SAMPLE_USERNAMES = ["sample-reporter-1", "sample-reporter-2", *ACCEPTED_REPORTERS, "sample-staff"]


def load(*args):
    out = io.StringIO()
    call_command("load_sample_data", *args, stdout=out)
    return out.getvalue()


def sample_reports():
    """The report awaiting review and the returned one, by state."""
    reports = AnnualReport.objects.filter(status__in=[Status.SUBMITTED, Status.RETURNED])
    return {report.status: report for report in reports.select_related("body")}


def media_files() -> list[Path]:
    return [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def in_fiscal_year(day, year) -> bool:
    return datetime.date(year, 4, 1) <= day <= datetime.date(year + 1, 3, 31)


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
        "extensions": ReportExtension.objects.count(),
        "mails": OutgoingMail.objects.count(),
        "activities": Activity.objects.count(),
        "photos": ActivityPhoto.objects.count(),
        "files": sorted(media_files()),
    }


def test_it_files_one_submitted_and_one_returned_fy2025_report_of_sample_bodies(city_editor):
    city_editor.email = "kyodo@example.jp"  # an editor who would be told of a submission
    city_editor.save()
    load()
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


def test_it_accepts_fy2024_and_fy2025_reports_of_sample_bodies_in_several_regions():
    load()
    accepted = AnnualReport.objects.accepted().select_related("body__region")
    bodies = {year: {r.body for r in accepted if r.fiscal_year == year} for year in (2024, 2025)}
    assert sorted({r.fiscal_year for r in accepted}) == [2024, 2025]
    assert len(bodies[2024]) == 6 and bodies[2024] == bodies[2025]  # each body, both years
    assert all(body.is_sample and body.name.startswith("【サンプル】") for body in bodies[2024])
    assert len({body.region for body in bodies[2024]}) >= 2
    assert not bodies[2024] & {r.body for r in sample_reports().values()}  # other bodies
    assert not AnnualReport.objects.filter(body__is_sample=False).exists()
    assert not BodyReporter.objects.filter(body__is_sample=False).exists()
    for report in accepted:
        assert report.history.filter(history_change_reason="accept").get().history_user == (
            get_user_model().objects.get(username="sample-staff")
        )
        activities = list(report.activities.all())
        assert len(activities) >= 4
        assert all(in_fiscal_year(a.held_on, report.fiscal_year) for a in activities)
        assert all(a.title.startswith("（サンプル）") and a.role_id for a in activities)
        # The survey's answers: the overall level, every role and every support measure.
        assert report.overall_level and report.overall_comment.startswith("（サンプル）")
        assert report.role_assessments.exists()
        assert not report.role_assessments.filter(level="").exists()
        assert report.support_ratings.exists()
        assert not report.support_ratings.filter(score__isnull=True).exists()
    assert OutgoingMail.objects.count() == 0  # accepting sample reports tells no one


def test_an_earlier_year_gets_a_period_closed_in_the_past_and_only_sample_bodies_file_late():
    """A reporting period the sample data makes for FY2024 is the one the year had, closed
    long ago, so that no real body is asked for a FY2024 report; the sample bodies file
    with an extension, as a late body would."""
    load()
    period = ReportingPeriod.objects.get(fiscal_year=2024)
    assert period.due_on < timezone.localdate()
    late = ReportExtension.objects.filter(fiscal_year=2024)
    assert late.count() == 6
    assert not late.filter(body__is_sample=False).exists()


def test_the_accepted_reports_carry_photos_processed_as_uploads_are():
    load()
    photos = list(ActivityPhoto.objects.select_related("activity__report__body"))
    assert photos and all(p.activity.report.status == Status.ACCEPTED for p in photos)
    assert all(p.caption.startswith("（サンプル）") for p in photos)
    published = {p.activity.report.publish_photos for p in photos}
    assert published == {True, False}  # most agree to publish them, one does not
    sizes = []
    for photo in photos:
        with Image.open(photo.image.path) as image, Image.open(photo.thumbnail.path) as thumb:
            assert image.format == thumb.format == "JPEG"
            assert max(image.size) <= 2000 and max(thumb.size) <= 400
            assert not image.getexif() and not thumb.getexif()  # the camera's EXIF is gone
            sizes.append(max(image.size))
    assert 2000 in sizes  # one was larger than the portal keeps, and resized
    assert len(media_files()) == 2 * len(photos)


def test_accepting_them_leaves_the_sample_usage_and_2_1_as_they_were():
    """Sample bodies manage no centre, and 2-1 waits for every active body's report."""
    load()
    assert not CenterUsage.objects.exclude(source=CenterUsage.Source.STAFF).exists()
    assert not IndicatorValue.objects.filter(indicator__code="2-1").exists()
    assert IndicatorValue.objects.filter(indicator__code="0-1").count() == 4


def test_the_page_of_a_sample_body_shows_its_activities_and_only_published_photos(
    client, django_assert_max_num_queries
):
    load()
    body = AnnualReport.objects.get(fiscal_year=2025, status=Status.ACCEPTED, publish_photos=False)
    body = body.body
    shown = ActivityPhoto.objects.filter(
        activity__report__body=body, activity__report__fiscal_year=2024
    )
    hidden = ActivityPhoto.objects.filter(
        activity__report__body=body, activity__report__fiscal_year=2025
    )
    assert shown.exists() and hidden.exists()
    with django_assert_max_num_queries(10):
        html = client.get(body.get_absolute_url()).content.decode()
    for activity in Activity.objects.filter(report__body=body):
        assert activity.title in html
    for photo in shown:
        assert f"/bodies/photos/{photo.pk}/thumb/" in html
        assert client.get(f"/bodies/photos/{photo.pk}/thumb/").status_code == 200
    for photo in hidden:
        assert f"/bodies/photos/{photo.pk}/" not in html
        assert client.get(f"/bodies/photos/{photo.pk}/thumb/").status_code == 404


def test_no_one_can_log_in_with_the_sample_accounts():
    load()
    users = get_user_model().objects.filter(username__in=SAMPLE_USERNAMES)
    assert users.count() == len(SAMPLE_USERNAMES)
    assert not any(user.has_usable_password() or user.email for user in users)
    staff = users.get(username="sample-staff")
    assert staff.is_staff and not staff.is_active


def test_loading_again_changes_nothing():
    assert "追加しました" in load()
    before = state()
    assert before["photos"] and before["files"]
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


def test_removing_the_sample_data_removes_them_and_their_accounts(
    django_capture_on_commit_callbacks,
):
    load()
    count = AnnualReport.objects.count()
    assert count == 2 + 6 * 2 and media_files()
    with django_capture_on_commit_callbacks(execute=True):  # the files go once it commits
        assert "削除しました" in load("--remove")
    assert not AnnualReport.objects.exists()
    assert not Activity.objects.exists() and not ActivityPhoto.objects.exists()
    assert media_files() == []
    assert not ReportExtension.objects.exists()
    assert not CollaborationBody.objects.filter(is_sample=True).exists()
    assert not BodyReporter.objects.exists()
    assert not get_user_model().objects.filter(username__in=SAMPLE_USERNAMES).exists()
    assert "追加しました" in load()  # and they come back
    assert AnnualReport.objects.count() == count


def test_closed_periods_get_no_report_to_review_and_accepted_ones_only_by_extension():
    today = timezone.localdate()
    for year in (2024, 2025):
        ReportingPeriod.objects.create(
            fiscal_year=year,
            opens_on=today - datetime.timedelta(days=90),
            due_on=today - datetime.timedelta(days=30),
        )
    load()
    assert not sample_reports()
    assert (
        not get_user_model()
        .objects.filter(username__in=["sample-reporter-1", "sample-reporter-2"])
        .exists()
    )
    accepted = AnnualReport.objects.accepted()
    assert accepted.count() == 6 * 2
    for report in accepted:
        extension = ReportExtension.objects.get(body=report.body, fiscal_year=report.fiscal_year)
        assert extension.created_by.username == "sample-staff"
        assert extension.reason.startswith("（サンプル）")
    assert not ReportExtension.objects.filter(body__is_sample=False).exists()


def test_a_year_whose_period_has_not_opened_gets_no_sample_report():
    today = timezone.localdate()
    ReportingPeriod.objects.create(
        fiscal_year=2024,
        opens_on=today + datetime.timedelta(days=10),
        due_on=today + datetime.timedelta(days=60),
    )
    load()
    assert not AnnualReport.objects.filter(fiscal_year=2024).exists()
    assert AnnualReport.objects.accepted().filter(fiscal_year=2025).count() == 6
