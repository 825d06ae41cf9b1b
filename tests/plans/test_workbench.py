"""The yearly workbench: every project's status of a year recorded and published on one page."""

import contextlib
import threading
from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from councils.models import BodyReporter, CollaborationBody
from plans.forms import CONCURRENT_EDIT
from plans.models import Project, ProjectYearStatus
from plans.services import statuses_set_published
from plans.workbench import WorkbenchRowForm, workbench_url

pytestmark = pytest.mark.django_db

YEAR = 2026
URL = reverse("admin:plans_projectyearstatus_workbench", args=[YEAR])
CHANGELIST = reverse("admin:plans_projectyearstatus_changelist")
REFUSED = str(CONCURRENT_EDIT)


def make_status(number, year=YEAR, *, published=False, **fields):
    status = ProjectYearStatus.objects.create(
        project=Project.objects.get(number=number),
        fiscal_year=year,
        **{"evaluation": "B", "activities": "意見交換会を3回開催した。", **fields},
    )
    if published:
        statuses_set_published(statuses=[status], published=True, user=None)
        status.refresh_from_db()
    return status


def page_data(page) -> dict[str, str]:
    """What a browser posts back from the workbench as it was shown."""
    data = {}
    for row in page.context["rows"]:
        if row.form is None:
            continue
        for bound in row.form:
            value = bound.value()
            if value is None or value is False:
                continue
            data[bound.html_name] = "on" if value is True else str(value)
    return data


def fill(data, number, **fields):
    for name, value in fields.items():
        key = f"project-{number}-{name}"
        if value is False:
            data.pop(key, None)
        else:
            data[key] = "on" if value is True else value
    return data


def status_of(number, year=YEAR):
    return ProjectYearStatus.objects.filter(project__number=number, fiscal_year=year).first()


def row_of(page, number):
    return next(row for row in page.context["rows"] if row.project.number == number)


# Who may open the page


def test_it_sends_an_anonymous_visitor_to_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_it_gives_a_body_reporter_no_access(client, django_user_model):
    reporter = django_user_model.objects.create_user("mashiba", password="correct horse battery")
    BodyReporter.objects.create(
        user=reporter, body=CollaborationBody.objects.get(name="真柴まちづくり協議会")
    )
    client.force_login(reporter)
    assert client.get(URL).status_code == 302
    response = client.post(URL, {"project-11-evaluation": "A", "project-11-opened_state": "x"})
    assert response.status_code == 302
    assert not ProjectYearStatus.objects.filter(fiscal_year=YEAR).exists()


def test_it_refuses_staff_without_a_permission_on_statuses(client, django_user_model):
    clerk = django_user_model.objects.create_user("clerk", is_staff=True)
    client.force_login(clerk)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {}).status_code == 403


def test_it_shows_a_viewer_the_year_without_inputs(client, city_viewer):
    make_status(11, published=True)
    make_status(12, activities="まだ下書きの内容。")
    client.force_login(city_viewer)
    page = client.get(URL)
    html = page.content.decode()
    assert page.status_code == 200
    assert "意見交換会を3回開催した。" in html and "まだ下書きの内容。" in html
    assert "<textarea" not in html and "<select" not in html
    assert "まとめて保存" not in html and 'method="post" novalidate' not in html
    assert all(row.form is None for row in page.context["rows"])


def test_it_refuses_a_viewers_post(client, city_viewer):
    status = make_status(11)
    client.force_login(city_viewer)
    response = client.post(URL, {"project-11-evaluation": "A", "project-11-opened_state": "x"})
    assert response.status_code == 403
    status.refresh_from_db()
    assert status.evaluation == "B"


def test_it_has_no_page_for_a_year_outside_the_plan(client, city_editor):
    for user in (None, city_editor):
        if user:
            client.force_login(user)
        for year in ("2023", "2029", "1999"):
            url = f"/admin/plans/projectyearstatus/year/{year}/"
            assert client.get(url).status_code == 404, (user, url)
    assert workbench_url(YEAR) == URL == "/admin/plans/projectyearstatus/year/2026/"


# What it shows


def test_a_year_without_rows_shows_every_project_empty_in_plan_order(editor_client):
    page = editor_client.get(URL)
    rows = page.context["rows"]
    assert [row.project.number for row in rows] == list(range(1, 19))
    assert all(row.status.pk is None and row.form is not None for row in rows)
    html = page.content.decode()
    assert html.count("<textarea") == 18 * 4
    assert html.count('type="checkbox"') == 18
    assert 'for="id_project-18-direction"' in html
    assert "事業18の今後の方向性" in html  # each input is labelled with its project


def test_it_shows_the_planned_phase_and_last_years_published_status(editor_client):
    make_status(11, 2025, published=True, evaluation="C", results="参加者が増えた。")
    make_status(12, 2025, activities="公開されていない前年度の内容。")
    page = editor_client.get(URL)
    row = row_of(page, 11)
    assert row.previous.results == "参加者が増えた。"
    assert row_of(page, 12).previous is None
    assert {r.phase for r in page.context["rows"]} <= {"実施", "検討"}
    html = page.content.decode()
    assert "参加者が増えた。" in html
    assert "公開されていない前年度の内容。" not in html
    assert "令和7年度の評価" in html


def test_reading_the_page_takes_a_few_queries_whatever_is_stored(
    editor_client, django_assert_max_num_queries
):
    for number in range(1, 19):
        make_status(number, 2025, published=True)
        make_status(number, published=number % 2 == 0)
    editor_client.get(URL)  # the session and the permissions, read once
    with django_assert_max_num_queries(10):
        page = editor_client.get(URL)
    assert sum(row.status.pk is not None for row in page.context["rows"]) == 18


def test_the_list_links_to_each_years_workbench(client, city_editor, city_viewer):
    client.force_login(city_editor)
    html = client.get(CHANGELIST).content.decode()
    assert f'href="{URL}"' in html and "令和8年度を一括入力" in html
    assert f'href="{workbench_url(2024)}"' in html and f'href="{workbench_url(2028)}"' in html
    client.force_login(city_viewer)
    html = client.get(CHANGELIST).content.decode()
    assert f'href="{URL}"' in html and "令和8年度の全事業" in html


# Saving


def test_saving_creates_the_filled_rows_and_nothing_for_the_empty_ones(editor_client, city_editor):
    data = page_data(editor_client.get(URL))
    fill(data, 1, evaluation="A", activities="説明会を開いた。\r\n2回目も開いた。")
    fill(data, 2, evaluation="C", issues="担い手が足りない。")
    response = editor_client.post(URL, data, follow=True)
    assert response.redirect_chain == [(URL, 302)]
    assert "2件の状況を保存しました。" in response.content.decode()
    assert ProjectYearStatus.objects.filter(fiscal_year=YEAR).count() == 2
    first = status_of(1)
    assert first.evaluation == "A" and first.activities == "説明会を開いた。\n2回目も開いた。"
    assert not first.is_published
    assert first.updated_by == city_editor
    assert first.history.first().history_user == city_editor


def test_a_new_row_needs_its_evaluation(editor_client):
    data = fill(page_data(editor_client.get(URL)), 3, results="成果だけ書いた。")
    fill(data, 4, evaluation="B")
    page = editor_client.post(URL, data)
    assert page.status_code == 200
    assert row_of(page, 3).form.errors["evaluation"]
    assert "成果だけ書いた。" in page.content.decode()  # what was typed is still there
    assert status_of(3) is None and status_of(4) is not None
    assert "1件は保存できませんでした。" in page.content.decode()


def test_a_page_posted_as_it_was_shown_changes_nothing(editor_client):
    status = make_status(11, published=True, activities="一行目\n二行目")
    data = page_data(editor_client.get(URL))
    # A browser posts a textarea's line breaks as CRLF.
    data["project-11-activities"] = "一行目\r\n二行目"
    response = editor_client.post(URL, data, follow=True)
    assert "変更された行はありませんでした。" in response.content.decode()
    assert status_of(11).version == status.version


def test_publishing_from_the_page_shows_on_the_public_page_at_once(
    editor_client, city_editor, django_capture_on_commit_callbacks
):
    public = Client()
    assert "区長会と意見交換した。" not in public.get("/plan/projects/11/").content.decode()
    data = page_data(editor_client.get(URL))
    fill(data, 11, evaluation="A", activities="区長会と意見交換した。", is_published=True)
    with django_capture_on_commit_callbacks(execute=True):  # as each row's commit would
        response = editor_client.post(URL, data, follow=True)
    html = response.content.decode()
    assert "1件の状況を保存しました。" in html and "1件を公開しました。" in html
    status = status_of(11)
    assert status.is_published and status.published_at is not None
    latest = status.history.first()
    assert latest.history_change_reason == "公開" and latest.history_user == city_editor
    assert "区長会と意見交換した。" in public.get("/plan/projects/11/").content.decode()


def test_publishing_a_stored_row_goes_with_its_version(editor_client):
    status = make_status(11)
    data = fill(page_data(editor_client.get(URL)), 11, is_published=True)
    response = editor_client.post(URL, data, follow=True)
    html = response.content.decode()
    assert "1件を公開しました。" in html and "状況を保存しました" not in html
    status.refresh_from_db()
    assert status.is_published and status.version == 1


def test_unpublishing_from_the_page_takes_it_off_the_public_page(
    editor_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_status(11, published=True, activities="取り下げる内容。")
    public = Client()
    assert "取り下げる内容。" in public.get("/plan/projects/11/").content.decode()
    data = fill(page_data(editor_client.get(URL)), 11, is_published=False)
    with django_capture_on_commit_callbacks(execute=True):  # as each row's commit would
        response = editor_client.post(URL, data, follow=True)
    assert "1件を非公開にしました。" in response.content.decode()
    assert not status_of(11).is_published
    assert "取り下げる内容。" not in public.get("/plan/projects/11/").content.decode()


def test_a_published_row_changed_without_a_reason_is_refused_and_the_others_saved(
    editor_client,
):
    make_status(11, published=True)
    data = page_data(editor_client.get(URL))
    fill(data, 11, activities="書き直した内容。")
    fill(data, 12, evaluation="A")
    page = editor_client.post(URL, data)
    assert page.status_code == 200
    row = row_of(page, 11)
    assert row.refused and "change_reason" in row.form.errors
    html = page.content.decode()
    assert "変更理由を入力してください" in html and 'href="#project-11"' in html
    assert "1件は保存できませんでした。" in html and "1件の状況を保存しました。" in html
    assert status_of(11).activities == "意見交換会を3回開催した。"
    assert status_of(12).evaluation == "A"

    # The refused row is posted again with its reason: the history keeps it.
    data = page_data(page)
    fill(data, 11, change_reason="回数の誤りを訂正")
    editor_client.post(URL, data)
    status = status_of(11)
    assert status.activities == "書き直した内容。" and status.is_published
    assert status.history.first().history_change_reason == "回数の誤りを訂正"


def test_a_row_someone_else_changed_is_refused_and_shows_what_is_stored(editor_client):
    status = make_status(11)
    data = page_data(editor_client.get(URL))
    status.activities = "別の職員が書いた内容。"
    status.save()  # someone else, after the page was opened
    fill(data, 11, evaluation="A", activities="この画面で書いた内容。")
    fill(data, 12, evaluation="D")
    page = editor_client.post(URL, data)
    assert page.status_code == 200
    row = row_of(page, 11)
    assert row.stale and not row.form.is_bound
    assert row.form["activities"].value() == "別の職員が書いた内容。"
    html = page.content.decode()
    assert REFUSED in html
    assert "この画面で書いた内容。" in html  # kept in sight, not saved
    assert "1件は保存できませんでした。" in html
    assert status_of(11).activities == "別の職員が書いた内容。"
    assert status_of(12).evaluation == "D"


def test_a_row_left_alone_is_saved_over_by_nobody(editor_client):
    status = make_status(11)
    data = page_data(editor_client.get(URL))
    status.evaluation = "C"
    status.save()
    fill(data, 12, evaluation="A")
    response = editor_client.post(URL, data)
    assert response.status_code == 302
    assert status_of(11).evaluation == "C"
    assert status_of(12).evaluation == "A"


def test_a_row_someone_else_created_meanwhile_is_not_overwritten(editor_client):
    data = page_data(editor_client.get(URL))
    make_status(11, activities="先に入力された内容。")
    fill(data, 11, evaluation="A", activities="後から保存しようとした内容。")
    page = editor_client.post(URL, data)
    assert row_of(page, 11).stale
    assert REFUSED in page.content.decode()
    assert status_of(11).activities == "先に入力された内容。"


def test_a_post_naming_a_row_of_another_year_is_refused(editor_client):
    other_year = make_status(11, 2025, evaluation="B")
    data = page_data(editor_client.get(URL))
    fill(data, 11, evaluation="D", opened_status=str(other_year.pk), opened_version="0")
    page = editor_client.post(URL, data)
    assert row_of(page, 11).stale
    assert REFUSED in page.content.decode()
    other_year.refresh_from_db()
    assert other_year.evaluation == "B" and other_year.version == 0
    assert status_of(11) is None


def test_a_post_without_the_opened_version_is_refused(editor_client):
    status = make_status(11)
    data = fill(page_data(editor_client.get(URL)), 11, evaluation="A")
    del data["project-11-opened_version"]
    fill(data, 12, evaluation="B")
    page = editor_client.post(URL, data)
    assert row_of(page, 11).stale
    status.refresh_from_db()
    assert status.evaluation == "B" and status.version == 0
    assert status_of(12) is not None


def test_an_editor_without_the_add_permission_changes_only_stored_rows(client, django_user_model):
    make_status(11)
    clerk = django_user_model.objects.create_user("clerk", is_staff=True)
    clerk.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="plans",
            codename__in=["view_projectyearstatus", "change_projectyearstatus"],
        )
    )
    client.force_login(clerk)
    page = client.get(URL)
    assert row_of(page, 11).form is not None and row_of(page, 12).form is None
    data = fill(page_data(page), 11, evaluation="A")
    data.update({"project-12-evaluation": "A", "project-12-opened_state": "x"})
    assert client.post(URL, data).status_code == 302
    assert status_of(11).evaluation == "A" and status_of(12) is None
    assert not Group.objects.filter(user=clerk).exists()


# Two editors at once (row locks are real on PostgreSQL only)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are real on PostgreSQL")
@pytest.mark.parametrize("stored", [True, False], ids=["stored row", "new row"])
def test_two_editors_saving_one_row_at_once_get_one_save_and_one_refusal(
    django_user_model, monkeypatch, stored
):
    call_command("load_plan", stdout=StringIO())
    if stored:
        make_status(11)
    clients = []
    for name in ("editor1", "editor2"):
        client = Client(raise_request_exception=False)
        client.force_login(
            django_user_model.objects.create_user(name, is_staff=True, is_superuser=True)
        )
        clients.append((client, page_data(client.get(URL))))

    # Both requests pass their check before either writes, where the code lets them.
    both_checked = threading.Barrier(2)
    checked = WorkbenchRowForm.clean

    def wait_for_the_other(form):
        cleaned = checked(form)
        # Where the other request waits for the row lock, as intended, this times out.
        with contextlib.suppress(threading.BrokenBarrierError):
            both_checked.wait(timeout=3)
        return cleaned

    monkeypatch.setattr(WorkbenchRowForm, "clean", wait_for_the_other)
    answers = {}

    def save(client, data, evaluation):
        response = client.post(URL, fill(dict(data), 11, evaluation=evaluation))
        answers[evaluation] = (response.status_code, response.content.decode())
        connection.close()

    threads = [
        threading.Thread(target=save, args=(*clients[0], "A")),
        threading.Thread(target=save, args=(*clients[1], "C")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(code for code, _ in answers.values()) == [200, 302]
    refused = next(html for code, html in answers.values() if code == 200)
    assert REFUSED in refused
    winner = next(evaluation for evaluation, (code, _) in answers.items() if code == 302)
    assert status_of(11).evaluation == winner
