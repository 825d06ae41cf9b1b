"""Report and password mails go through the outbox: a mail server that is down delays
them, never undoes or breaks the action, and cron sends them once it is back."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from councils.models import AnnualReport
from councils.services import report_transition
from outbox.models import OutgoingMail
from tests.outbox.backends import REFUSING

from .conftest import complete

pytestmark = pytest.mark.django_db
Status = AnnualReport.Status
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def submitted(started_report, reporter_a):
    complete(started_report)
    report_transition(report=started_report, to=Status.SUBMITTED, user=reporter_a)
    return started_report


def _send_queued_mail():
    out = io.StringIO()
    call_command("send_queued_mail", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_returning_a_report_with_the_mail_server_down_keeps_the_mail_for_cron(
    client, settings, city_editor, submitted, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = REFUSING
    client.force_login(city_editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/portal/review/{submitted.pk}/",
            {"action": "return", "activities": "写真の説明を書いてください。"},
        )
    assert response.status_code == 302 and response["Location"] == "/portal/board/"
    assert "「差戻し」にしました。" in client.get(response["Location"]).content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Status.RETURNED
    queued = OutgoingMail.objects.get()
    assert queued.recipients == ["mashiba@example.jp"]
    assert queued.sent_at is None and queued.attempts == 1
    assert "Connection refused" in queued.last_error

    settings.EMAIL_BACKEND = LOCMEM
    assert _send_queued_mail() == "1通を送信しました（送信待ち 0通）。\n"
    assert [m.to for m in mail.outbox] == [["mashiba@example.jp"]]
    assert "写真の説明を書いてください。" in mail.outbox[0].body
    queued.refresh_from_db()
    assert queued.sent_at is not None
    assert _send_queued_mail() == "0通を送信しました（送信待ち 0通）。\n"
    assert len(mail.outbox) == 1


def test_a_move_that_rolls_back_queues_no_mail(
    submitted, editor_with_email, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        report_transition(report=submitted, to=Status.ACCEPTED, user=editor_with_email)
        raise RuntimeError("a later step of the same action failed")
    assert not OutgoingMail.objects.exists()
    assert mail.outbox == []


def test_a_review_comment_arrives_as_typed(
    submitted, editor_with_email, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report_transition(
            report=submitted,
            to=Status.RETURNED,
            user=editor_with_email,
            comments={"activities": '"3行目" & <b>'},
        )
    assert '・"3行目" & <b>\n' in mail.outbox[-1].body
    assert "&amp;" not in mail.outbox[-1].body and "&quot;" not in mail.outbox[-1].body


def test_a_body_name_arrives_as_typed_in_the_subject(
    submitted, editor_with_email, django_capture_on_commit_callbacks
):
    submitted.body.name = "A&B協議会"
    submitted.body.save()
    with django_capture_on_commit_callbacks(execute=True):
        report_transition(report=submitted, to=Status.ACCEPTED, user=editor_with_email)
    assert (
        mail.outbox[-1].subject == "【一関市協働推進ポータル】年次報告を受理しました（A&B協議会）"
    )
    assert mail.outbox[-1].body.startswith("A&B協議会 ご担当者様\n")


def test_a_password_reset_with_the_mail_server_down_is_kept_for_cron(
    client, settings, reporter_a, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = REFUSING
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/portal/password/reset/", {"email": "mashiba@example.jp"})
    assert response.status_code == 302
    assert response["Location"] == "/portal/password/reset/done/"
    queued = OutgoingMail.objects.get()
    assert queued.recipients == ["mashiba@example.jp"]
    assert queued.subject == "【一関市協働推進ポータル】パスワードの設定"
    assert queued.sent_at is None and "Connection refused" in queued.last_error

    settings.EMAIL_BACKEND = LOCMEM
    _send_queued_mail()
    link = re.search(r"http://testserver(/portal/password/reset/\S+/)", mail.outbox[0].body)
    assert link is not None
    assert client.get(link.group(1), follow=True).context["validlink"]


def test_reminders_with_the_mail_server_down_say_so_and_stay_queued(
    settings, period, reporter_a, reporter_b
):
    settings.EMAIL_BACKEND = REFUSING
    period.due_on = timezone.localdate() + datetime.timedelta(days=7)
    period.save()
    out, err = io.StringIO(), io.StringIO()
    call_command("send_report_reminders", stdout=out, stderr=err)
    assert out.getvalue().endswith("\nお知らせを0通送りました。\n")
    assert "2通は送信できませんでした。" in err.getvalue()
    assert OutgoingMail.objects.unsent().count() == 2

    settings.EMAIL_BACKEND = LOCMEM
    assert _send_queued_mail() == "2通を送信しました（送信待ち 0通）。\n"
    assert sorted(a for m in mail.outbox for a in m.to) == [
        "mashiba@example.jp",
        "okita@example.jp",
    ]
