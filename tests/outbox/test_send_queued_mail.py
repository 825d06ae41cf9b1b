"""``manage.py send_queued_mail``, run by cron: sends what is left, once."""

import io

import pytest
from django.core import mail
from django.core.management import call_command

from outbox.models import OutgoingMail
from outbox.services import mail_queue

pytestmark = pytest.mark.django_db


def _run():
    out, err = io.StringIO(), io.StringIO()
    call_command("send_queued_mail", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _queue(subject="件名"):
    return mail_queue(
        subject=subject, body="本文", recipients=["a@example.jp"], send_on_commit=False
    )


def test_it_says_how_many_failed_and_keeps_them(smtp_down):
    _queue()
    out, err = _run()
    assert out == "0通を送信しました（送信待ち 1通）。\n"
    assert "1通は送信できませんでした。" in err
    assert OutgoingMail.objects.get().attempts == 1


def test_it_sends_each_mail_once(smtp_up):
    _queue("1通目")
    _queue("2通目")
    assert _run() == ("2通を送信しました（送信待ち 0通）。\n", "")
    assert _run() == ("0通を送信しました（送信待ち 0通）。\n", "")
    assert [m.subject for m in mail.outbox] == ["1通目", "2通目"]
    assert not OutgoingMail.objects.unsent().exists()


def test_it_sends_no_more_than_the_limit(smtp_up):
    _queue("1通目")
    _queue("2通目")
    out = io.StringIO()
    call_command("send_queued_mail", "--limit", "1", stdout=out)
    assert out.getvalue() == "1通を送信しました（送信待ち 1通）。\n"
