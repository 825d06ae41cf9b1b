"""Queueing a mail with the action that causes it, and sending it once, later if need be."""

import datetime
import logging

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import transaction
from django.utils import timezone

from outbox.models import OutgoingMail
from outbox.services import CLAIM_TIMEOUT, mail_queue, mail_send_pending

pytestmark = pytest.mark.django_db


def _queue(**kwargs):
    return mail_queue(
        **{"subject": "件名", "body": "本文", "recipients": ["a@example.jp"], **kwargs}
    )


def test_it_sends_the_mail_once_the_action_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queued = _queue(body='"3行目" & <b>')
        assert mail.outbox == []  # nothing leaves before the commit
    queued.refresh_from_db()
    assert queued.sent_at is not None and queued.attempts == 1 and queued.last_error == ""
    assert [m.to for m in mail.outbox] == [["a@example.jp"]]
    assert mail.outbox[0].body == '"3行目" & <b>'


def test_it_queues_nothing_when_the_action_rolls_back(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _queue()
        raise RuntimeError("the action failed")
    assert callbacks == []
    assert not OutgoingMail.objects.exists()
    assert mail.outbox == []


def test_it_keeps_a_mail_the_server_refuses(smtp_down, caplog, django_capture_on_commit_callbacks):
    with (
        caplog.at_level(logging.WARNING, logger="outbox"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        queued = _queue()
    queued.refresh_from_db()
    assert queued.sent_at is None and queued.claimed_at is None
    assert queued.attempts == 1 and queued.last_attempt_at is not None
    assert queued.last_error == "ConnectionRefusedError: [Errno 111] Connection refused"
    assert [r.name for r in caplog.records] == ["outbox"]
    assert "Connection refused" in caplog.records[0].getMessage()


def test_it_retries_until_the_server_is_back(settings, smtp_down):
    queued = _queue(send_on_commit=False)
    assert mail_send_pending() == (0, 1)
    assert mail_send_pending() == (0, 1)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert mail_send_pending() == (1, 0)
    assert mail_send_pending() == (0, 0)
    queued.refresh_from_db()
    assert queued.attempts == 3 and queued.sent_at and queued.last_error == ""
    assert len(mail.outbox) == 1


def test_it_sends_oldest_first_up_to_the_limit():
    first, _, third = (_queue(subject=f"{n}通目", send_on_commit=False) for n in (1, 2, 3))
    assert mail_send_pending(limit=2) == (2, 0)
    assert [m.subject for m in mail.outbox] == ["1通目", "2通目"]
    assert mail_send_pending(ids=[first.pk, third.pk]) == (1, 0)
    assert mail.outbox[-1].subject == "3通目"


def test_it_skips_a_mail_another_worker_is_sending():
    queued = _queue(send_on_commit=False)
    OutgoingMail.objects.filter(pk=queued.pk).update(claimed_at=timezone.now())
    assert mail_send_pending() == (0, 0)
    assert mail.outbox == []


def test_it_takes_over_a_mail_whose_worker_died():
    queued = _queue(send_on_commit=False)
    long_ago = timezone.now() - CLAIM_TIMEOUT - datetime.timedelta(minutes=1)
    OutgoingMail.objects.filter(pk=queued.pk).update(claimed_at=long_ago, attempts=1)
    assert mail_send_pending() == (1, 0)
    queued.refresh_from_db()
    assert queued.sent_at and queued.claimed_at is None and queued.attempts == 2


class SecondWorkerBackend(EmailBackend):
    """While this worker talks to the server, a second worker (cron) runs."""

    started = False
    second_run = None

    def send_messages(self, messages):
        cls = type(self)
        if not cls.started:
            cls.started = True
            cls.second_run = mail_send_pending()
        return super().send_messages(messages)


def test_two_workers_never_send_the_same_mail(settings):
    settings.EMAIL_BACKEND = f"{__name__}.SecondWorkerBackend"
    SecondWorkerBackend.started = False
    _queue(subject="1通目", send_on_commit=False)
    _queue(subject="2通目", send_on_commit=False)
    first_run = mail_send_pending()
    # The second worker skipped the mail being sent and sent the other one.
    assert SecondWorkerBackend.second_run == (1, 0)
    assert first_run == (1, 0)
    assert sorted(m.subject for m in mail.outbox) == ["1通目", "2通目"]


def test_it_queues_nothing_without_recipients():
    assert _queue(recipients=["", "  "]) is None
    assert not OutgoingMail.objects.exists()


def test_it_keeps_a_subject_on_one_line_and_each_address_once():
    queued = _queue(
        subject="件名\n2行目", recipients=["a@example.jp", "a@example.jp", "b@example.jp"]
    )
    assert queued.subject == "件名 2行目"
    assert queued.recipients == ["a@example.jp", "b@example.jp"]
