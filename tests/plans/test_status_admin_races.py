"""A yearly status is never overwritten by a save that did not see the latest change."""

import contextlib
import threading
from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from core.staff_groups import EDITOR_GROUP
from plans.forms import ProjectYearStatusForm
from plans.models import ProjectYearStatus

from ..admin_forms import admin_form_data
from .test_statuses import change_url, form_data, make_status, publish

pytestmark = pytest.mark.django_db


def test_a_post_without_the_opened_version_is_refused(city_editor, client):
    status = make_status(evaluation="B")
    client.force_login(city_editor)
    assert client.post(change_url(status), form_data(status, evaluation="A")).status_code == 302
    stale = form_data(status, evaluation="C")
    del stale["opened_version"]
    response = client.post(change_url(status), stale)
    assert response.status_code == 200
    assert "他の職員が変更しました" in response.content.decode()
    status.refresh_from_db()
    assert status.evaluation == "A"


def test_a_change_saved_between_check_and_write_shows_the_message_not_an_error(
    city_editor, client, monkeypatch
):
    status = make_status(evaluation="B")
    checked = ProjectYearStatusForm.clean

    def someone_saves_right_after_the_check(form):
        cleaned = checked(form)
        ProjectYearStatus.objects.filter(pk=form.instance.pk).update(version=99, evaluation="D")
        return cleaned

    monkeypatch.setattr(ProjectYearStatusForm, "clean", someone_saves_right_after_the_check)
    client.force_login(city_editor)
    response = client.post(change_url(status), form_data(status, evaluation="A"), follow=True)
    assert response.status_code == 200
    assert "他の職員が変更しました" in response.content.decode()
    status.refresh_from_db()
    # The whole save was rolled back (the simulated change with it, as it shared the
    # transaction): nothing of the refused edit is stored.
    assert status.evaluation == "B"


def test_the_inline_on_the_project_page_refuses_a_post_without_the_opened_version(
    city_editor, client
):
    status = publish(make_status(evaluation="B"))
    project = status.project
    client.force_login(city_editor)
    page = client.get(reverse("admin:plans_project_change", args=[project.pk]))
    data = {**admin_form_data(page), "_continue": "1"}
    prefix = next(
        key.removesuffix("-id")
        for key, value in data.items()
        if key.startswith("statuses-") and key.endswith("-id") and value == str(status.pk)
    )
    data[f"{prefix}-evaluation"] = "C"
    data[f"{prefix}-change_reason"] = "誤りの訂正"
    del data[f"{prefix}-opened_version"]
    response = client.post(reverse("admin:plans_project_change", args=[project.pk]), data)
    assert response.status_code == 200
    assert "他の職員が変更しました" in response.content.decode()
    status.refresh_from_db()
    assert status.evaluation == "B"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are real on PostgreSQL")
def test_two_editors_saving_at_once_get_one_save_and_one_message(django_user_model, monkeypatch):
    call_command("load_plan", stdout=StringIO())
    status = make_status(evaluation="B")
    editors = []
    for name in ("editor1", "editor2"):
        user = django_user_model.objects.create_user(username=name, is_staff=True)
        user.groups.add(Group.objects.get_or_create(name=EDITOR_GROUP)[0])
        _give_editor_permissions(user)
        editors.append(user)

    # Both requests pass their check before either writes, where the code lets them.
    both_checked = threading.Barrier(2)
    checked = ProjectYearStatusForm.clean

    def wait_for_the_other(form):
        cleaned = checked(form)
        # Where the other request is held by the row lock, as intended, the wait times out.
        with contextlib.suppress(threading.BrokenBarrierError):
            both_checked.wait(timeout=3)
        return cleaned

    monkeypatch.setattr(ProjectYearStatusForm, "clean", wait_for_the_other)
    answers = {}

    def save(user, evaluation):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        response = client.post(change_url(status), form_data(status, evaluation=evaluation))
        answers[evaluation] = (response.status_code, response.content.decode())
        connection.close()

    threads = [
        threading.Thread(target=save, args=(editors[0], "A")),
        threading.Thread(target=save, args=(editors[1], "C")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    codes = sorted(code for code, _ in answers.values())
    assert codes == [200, 302]
    refused = next(html for code, html in answers.values() if code == 200)
    assert "他の職員が変更しました" in refused
    status.refresh_from_db()
    winner = next(e for e, (code, _) in answers.items() if code == 302)
    assert status.evaluation == winner
    assert status.version == 1


def _give_editor_permissions(user):
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="plans",
            codename__in=["view_projectyearstatus", "change_projectyearstatus"],
        )
    )
