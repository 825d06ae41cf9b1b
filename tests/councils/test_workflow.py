"""The annual-report workflow: 下書き → 提出済 → (差戻し → 提出済)* → 受理."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from centers.models import CenterUsage, CivicCenter
from councils.models import AnnualReport, ReportExtension
from councils.services import TransitionError, can_body_edit, report_transition
from indicators.models import IndicatorValue

from .conftest import YEAR, complete

pytestmark = pytest.mark.django_db
Status = AnnualReport.Status


def test_a_new_report_is_prefilled_with_roles_centres_and_measures(started_report):
    assert started_report.status == Status.DRAFT
    assert started_report.role_assessments.count() == 5
    assert [c.center.name for c in started_report.center_reports.all()] == ["真柴市民センター"]
    assert started_report.support_ratings.count() == 6


def test_submitting_an_incomplete_report_says_what_is_missing(started_report, reporter_a):
    with pytest.raises(TransitionError) as error:
        report_transition(report=started_report, to=Status.SUBMITTED, user=reporter_a)
    assert "1. 全体の達成状況を選んでください。" in error.value.messages
    assert "2. 活動実績を1件以上入力してください。" in error.value.messages
    assert "3. 真柴市民センターの利用者数を入力してください。" in error.value.messages
    started_report.refresh_from_db()
    assert started_report.status == Status.DRAFT


def test_the_full_cycle_with_a_return(
    started_report, reporter_a, editor_with_email, django_capture_on_commit_callbacks
):
    complete(started_report)
    with django_capture_on_commit_callbacks(execute=True):
        report_transition(report=started_report, to=Status.SUBMITTED, user=reporter_a)
    assert started_report.status == Status.SUBMITTED and started_report.submitted_at
    assert mail.outbox[-1].to == ["kyodo@example.jp"]
    assert not can_body_edit(started_report)

    with django_capture_on_commit_callbacks(execute=True):
        report_transition(
            report=started_report,
            to=Status.RETURNED,
            user=editor_with_email,
            comments={"centers": "利用者数の単位を確認してください。", "results": ""},
        )
    assert started_report.status == Status.RETURNED
    assert mail.outbox[-1].to == ["mashiba@example.jp"]
    assert "利用者数の単位を確認してください。" in mail.outbox[-1].body
    assert started_report.review_comments.count() == 1
    assert can_body_edit(started_report)

    started_report.center_reports.update(visits=1_200)
    with django_capture_on_commit_callbacks(execute=True):
        report_transition(report=started_report, to=Status.SUBMITTED, user=reporter_a)
    from councils.services import changed_sections

    assert changed_sections(started_report) == ["3. 市民センター"]

    with django_capture_on_commit_callbacks(execute=True):
        report_transition(report=started_report, to=Status.ACCEPTED, user=editor_with_email)
    assert started_report.status == Status.ACCEPTED and started_report.accepted_at
    assert "受理しました" in mail.outbox[-1].subject
    history = list(started_report.history.order_by("history_date"))
    assert [h.status for h in history][-4:] == ["提出済", "差戻し", "提出済", "受理"]
    assert history[-1].history_user == editor_with_email


@pytest.mark.parametrize(
    ("start", "to"),
    [
        (Status.DRAFT, Status.ACCEPTED),
        (Status.DRAFT, Status.RETURNED),
        (Status.SUBMITTED, Status.SUBMITTED),
        (Status.ACCEPTED, Status.SUBMITTED),
        (Status.RETURNED, Status.ACCEPTED),
    ],
)
def test_moves_the_workflow_does_not_allow(started_report, city_editor, start, to):
    AnnualReport.objects.filter(pk=started_report.pk).update(
        status=start, accepted_at=timezone.now()
    )
    started_report.refresh_from_db()
    with pytest.raises(TransitionError, match="にすることはできません"):
        report_transition(report=started_report, to=to, user=city_editor)


def test_a_body_cannot_accept_and_staff_cannot_submit(started_report, reporter_a, city_editor):
    complete(started_report)
    with pytest.raises(TransitionError, match="報告担当者だけ"):
        report_transition(report=started_report, to=Status.SUBMITTED, user=city_editor)
    report_transition(report=started_report, to=Status.SUBMITTED, user=reporter_a)
    with pytest.raises(TransitionError, match="市の職員"):
        report_transition(report=started_report, to=Status.ACCEPTED, user=reporter_a)


def test_another_body_cannot_submit_this_report(started_report, reporter_b):
    complete(started_report)
    with pytest.raises(TransitionError, match="報告担当者だけ"):
        report_transition(report=started_report, to=Status.SUBMITTED, user=reporter_b)


def test_a_viewer_cannot_decide(started_report, reporter_a, city_viewer):
    complete(started_report)
    report_transition(report=started_report, to=Status.SUBMITTED, user=reporter_a)
    with pytest.raises(TransitionError):
        report_transition(report=started_report, to=Status.ACCEPTED, user=city_viewer)


def test_returning_needs_a_comment(started_report, reporter_a, city_editor):
    complete(started_report)
    report_transition(report=started_report, to=Status.SUBMITTED, user=reporter_a)
    with pytest.raises(TransitionError, match="差戻しの理由"):
        report_transition(report=started_report, to=Status.RETURNED, user=city_editor, comments={})


def test_accepting_feeds_centre_usage_and_reopening_takes_it_back(
    started_report, reporter_a, city_editor
):
    complete(started_report, visits=15_000)
    report_transition(report=started_report, to=Status.SUBMITTED, user=reporter_a)
    report_transition(report=started_report, to=Status.ACCEPTED, user=city_editor)
    center = CivicCenter.objects.get(name="真柴市民センター")
    usage = CenterUsage.objects.get(center=center, fiscal_year=YEAR)
    assert usage.visits == 15_000 and usage.source == "協働体の報告"

    until = timezone.localdate() + datetime.timedelta(days=14)
    report_transition(
        report=started_report, to=Status.RETURNED, user=city_editor,
        comments={"activities": "写真を差し替えてください。"}, reopen_until=until,
    )  # fmt: skip
    assert not CenterUsage.objects.filter(center=center, fiscal_year=YEAR).exists()
    assert ReportExtension.objects.get(body=started_report.body).until == until


def test_a_figure_entered_by_staff_is_not_overwritten(started_report, reporter_a, city_editor):
    center = CivicCenter.objects.get(name="真柴市民センター")
    CenterUsage.objects.create(center=center, fiscal_year=YEAR, visits=9_999)
    complete(started_report, visits=15_000)
    report_transition(report=started_report, to=Status.SUBMITTED, user=reporter_a)
    report_transition(report=started_report, to=Status.ACCEPTED, user=city_editor)
    assert CenterUsage.objects.get(center=center, fiscal_year=YEAR).visits == 9_999


def test_activities_count_once_every_body_is_accepted(started_report, reporter_a, city_editor):
    from councils.models import CollaborationBody

    complete(started_report)
    report_transition(report=started_report, to=Status.SUBMITTED, user=reporter_a)
    report_transition(report=started_report, to=Status.ACCEPTED, user=city_editor)
    assert not IndicatorValue.objects.filter(indicator__code="2-1", fiscal_year=YEAR).exists()
    others = CollaborationBody.objects.exclude(pk=started_report.body_id)
    for body in others:
        AnnualReport.objects.create(
            body=body, fiscal_year=YEAR, status=Status.ACCEPTED, accepted_at=timezone.now()
        )
    from indicators.services import refresh_derived_indicators

    refresh_derived_indicators(fiscal_years=[YEAR])
    value = IndicatorValue.objects.get(indicator__code="2-1", fiscal_year=YEAR)
    assert value.value == 1 and value.is_computed
    assert value.derivation == "受理した13団体の年次報告にある活動の件数"


def test_after_the_deadline_a_draft_is_locked_until_an_extension(started_report, period):
    period.due_on = timezone.localdate() - datetime.timedelta(days=1)
    period.save()
    assert not can_body_edit(started_report)
    ReportExtension.objects.create(
        body=started_report.body,
        fiscal_year=YEAR,
        until=timezone.localdate() + datetime.timedelta(days=3),
        reason="災害対応のため",
    )
    assert can_body_edit(started_report)


def test_only_moves_into_or_out_of_accepted_empty_the_public_pages(
    started_report, reporter_a, city_editor, django_capture_on_commit_callbacks
):
    """Submissions and returns change no public page; in a season of 33 bodies they would
    empty the page cache dozens of times for nothing."""
    from core.cache import public_version

    def bumps(to, user, **kwargs) -> bool:
        before = public_version()
        with django_capture_on_commit_callbacks(execute=True):
            report_transition(report=started_report, to=to, user=user, **kwargs)
        return public_version() > before

    returned = {"comments": {"results": "数値を資料と照らして確認してください。"}}
    complete(started_report)
    assert not bumps(Status.SUBMITTED, reporter_a)
    assert not bumps(Status.RETURNED, city_editor, **returned)
    assert not bumps(Status.SUBMITTED, reporter_a)
    assert bumps(Status.ACCEPTED, city_editor)
    assert bumps(Status.RETURNED, city_editor, **returned)  # reopened
