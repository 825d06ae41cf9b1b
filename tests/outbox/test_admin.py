"""Staff see sent and unsent mails in the admin; editors may resend, viewers only read."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from core.staff_groups import EDITOR_GROUP, VIEWER_GROUP
from outbox.models import OutgoingMail
from outbox.services import mail_queue

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:outbox_outgoingmail_changelist")


@pytest.fixture
def unsent(smtp_down):
    queued = mail_queue(
        subject="【一関市協働推進ポータル】パスワードの設定",
        body="https://example.jp/portal/password/reset/MQ/secret-token/",
        recipients=["mashiba@example.jp"],
        send_on_commit=False,
    )
    OutgoingMail.objects.filter(pk=queued.pk).update(
        attempts=1, last_error="ConnectionRefusedError: [Errno 111] Connection refused"
    )
    return queued


@pytest.fixture
def sent():
    queued = mail_queue(
        subject="受理のお知らせ", body="本文", recipients=["a@example.jp"], send_on_commit=False
    )
    OutgoingMail.objects.filter(pk=queued.pk).update(sent_at="2025-06-01T09:00:00+09:00")
    return queued


def _resend(client, *mails):
    return client.post(
        CHANGELIST,
        {"action": "resend", "_selected_action": [m.pk for m in mails]},
        follow=True,
    )


def test_it_gives_viewers_view_and_editors_view_and_change():
    def codenames(name):
        return set(
            Group.objects.get(name=name)
            .permissions.filter(content_type__app_label="outbox")
            .values_list("codename", flat=True)
        )

    assert codenames(VIEWER_GROUP) == {"view_outgoingmail"}
    assert codenames(EDITOR_GROUP) == {"view_outgoingmail", "change_outgoingmail"}


def test_it_lists_unsent_mails_with_their_error_for_the_viewer(client, city_viewer, unsent, sent):
    client.force_login(city_viewer)
    response = client.get(CHANGELIST, {"sent": "no"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "パスワードの設定" in html and "mashiba@example.jp" in html
    assert "Connection refused" in html
    assert "受理のお知らせ" not in html
    assert "受理のお知らせ" in client.get(CHANGELIST, {"sent": "yes"}).content.decode()


def test_it_shows_a_mail_read_only_and_its_body_only_to_superusers(
    client, admin_client, city_editor, unsent
):
    url = reverse("admin:outbox_outgoingmail_change", args=[unsent.pk])
    client.force_login(city_editor)
    page = client.get(url)
    assert page.status_code == 200
    assert "secret-token" not in page.content.decode()  # a reset link sets a password
    assert 'name="_save"' not in page.content.decode()
    assert "secret-token" in admin_client.get(url).content.decode()


def test_it_lets_nobody_add_and_only_superusers_delete(client, admin_client, city_editor, unsent):
    client.force_login(city_editor)
    assert client.get(reverse("admin:outbox_outgoingmail_add")).status_code == 403
    delete = reverse("admin:outbox_outgoingmail_delete", args=[unsent.pk])
    assert client.get(delete).status_code == 403
    assert admin_client.get(delete).status_code == 200


def test_it_refuses_the_resend_action_to_the_viewer(client, city_viewer, settings, unsent):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.force_login(city_viewer)
    assert "今すぐ再送する" not in client.get(CHANGELIST).content.decode()
    _resend(client, unsent)
    assert mail.outbox == []
    unsent.refresh_from_db()
    assert unsent.sent_at is None


def test_it_lets_an_editor_resend_the_unsent_ones(client, city_editor, settings, unsent, sent):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.force_login(city_editor)
    assert "選択したメールを今すぐ再送する" in client.get(CHANGELIST).content.decode()
    html = _resend(client, unsent, sent).content.decode()
    assert "1通を送信しました。" in html
    assert "1通はすでに送信済みのため、送り直していません。" in html
    assert [m.to for m in mail.outbox] == [["mashiba@example.jp"]]
    unsent.refresh_from_db()
    assert unsent.sent_at and unsent.attempts == 2 and unsent.last_error == ""


def test_it_tells_the_editor_when_the_server_still_refuses(client, city_editor, unsent):
    client.force_login(city_editor)
    html = _resend(client, unsent).content.decode()
    assert "1通は送信できませんでした。「最後のエラー」を確認してください。" in html
