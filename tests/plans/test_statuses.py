"""Yearly project statuses: drafts stay private, publishing is recorded, changes are explained."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone

from core.formats import JapaneseCSV
from core.resources import import_file
from plans.models import Project, ProjectYearStatus
from plans.resources import ProjectYearStatusResource
from plans.services import statuses_set_published

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:plans_projectyearstatus_changelist")


def make_status(number=11, year=2024, **fields):
    defaults = {"evaluation": "B", "activities": "意見交換会を3回開催した。"}
    defaults.update(fields)
    return ProjectYearStatus.objects.create(
        project=Project.objects.get(number=number), fiscal_year=year, **defaults
    )


def publish(status):
    statuses_set_published(statuses=[status], published=True, user=None)
    status.refresh_from_db()
    return status


def change_url(status):
    return reverse("admin:plans_projectyearstatus_change", args=[status.pk])


def form_data(status, **changes):
    data = {
        "project": status.project_id,
        "fiscal_year": status.fiscal_year,
        "evaluation": status.evaluation,
        "activities": status.activities,
        "results": status.results,
        "issues": status.issues,
        "direction": status.direction,
        "change_reason": "",
        "opened_version": status.version,
    }
    data.update(changes)
    return data


def test_publishing_records_when_and_who(city_editor, client):
    status = make_status()
    client.force_login(city_editor)
    response = client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [status.pk]}, follow=True
    )
    assert "1件を公開しました。" in response.content.decode()
    status.refresh_from_db()
    assert status.is_published and status.published_at is not None
    assert status.updated_by == city_editor
    assert status.history.first().history_change_reason == "公開"


def test_unpublishing_takes_it_off_the_public_pages(city_editor, client):
    status = publish(make_status())
    client.force_login(city_editor)
    client.post(CHANGELIST, {"action": "unpublish", "_selected_action": [status.pk]})
    status.refresh_from_db()
    assert not status.is_published and status.published_at is None
    client.logout()
    assert "意見交換会を3回開催した。" not in client.get("/plan/projects/11/").content.decode()


def test_a_viewer_can_neither_publish_nor_edit(city_viewer, client):
    status = make_status()
    client.force_login(city_viewer)
    response = client.post(CHANGELIST, {"action": "publish", "_selected_action": [status.pk]})
    assert response.status_code in (200, 302, 403)
    status.refresh_from_db()
    assert not status.is_published
    assert client.post(change_url(status), form_data(status, evaluation="A")).status_code == 403


def test_a_draft_can_change_without_a_reason(city_editor, client):
    status = make_status()
    client.force_login(city_editor)
    response = client.post(change_url(status), form_data(status, evaluation="A"))
    assert response.status_code == 302
    status.refresh_from_db()
    assert status.evaluation == "A"
    assert status.updated_by == city_editor


def test_a_published_status_changes_only_with_a_reason(city_editor, client):
    status = publish(make_status())
    client.force_login(city_editor)
    response = client.post(change_url(status), form_data(status, evaluation="C"))
    assert response.status_code == 200
    assert "変更理由を入力してください" in response.content.decode()
    status.refresh_from_db()
    assert status.evaluation == "B"

    response = client.post(
        change_url(status), form_data(status, evaluation="C", change_reason="集計誤りの訂正")
    )
    assert response.status_code == 302
    status.refresh_from_db()
    assert status.evaluation == "C"
    assert status.is_published


def test_the_project_page_explains_changes_to_published_statuses(city_editor, client):
    status = publish(make_status())
    client.force_login(city_editor)
    client.post(
        change_url(status),
        form_data(
            status, evaluation="C", activities="2回開催した。", change_reason="集計誤りの訂正"
        ),
    )
    client.logout()
    html = client.get("/plan/projects/11/").content.decode()
    assert "公開後の変更履歴" in html
    assert "評価を「B」から「C」に変更" in html
    assert "実施状況を修正" in html
    assert "理由：集計誤りの訂正" in html


def test_citizens_see_only_published_statuses_with_the_planned_phase(client):
    publish(make_status(year=2024, evaluation="A", activities="公開済みの実施状況"))
    make_status(year=2025, evaluation="D", activities="下書きの実施状況")
    html = client.get("/plan/projects/11/").content.decode()
    assert "公開済みの実施状況" in html
    assert "下書きの実施状況" not in html
    assert "A 計画どおり" in html
    # Project 11 is 検討 in FY2024: the planned phase stands beside the evaluation.
    assert "<td>検討</td>" in html
    assert "未公開" in html


def test_drafts_never_reach_any_public_page_or_file(client):
    publish(make_status(number=1, year=2024, activities="公開の文"))
    make_status(number=2, year=2024, activities="下書きの秘密の文")
    urls = [
        "/",
        "/plan/",
        "/plan/projects/2/",
        "/plan/policies/1/",
        "/open-data/plan.json",
        "/open-data/project-status.csv",
        "/open-data/project-status.json",
    ]
    for url in urls:
        body = client.get(url).content.decode("utf-8-sig")
        assert "下書きの秘密の文" not in body, url
    assert "公開の文" in client.get("/open-data/project-status.csv").content.decode("utf-8-sig")


def test_the_chart_table_and_home_show_the_latest_published_evaluation(client):
    publish(make_status(number=7, year=2024, evaluation="C"))
    html = client.get("/plan/").content.decode()
    assert "C 遅れている" in html
    home = client.get("/").content.decode()
    assert "事業7 市民がつながる交流の場の充実（令和6年度）" in home


def test_a_status_cannot_be_published_without_a_time():
    from django.db import IntegrityError, transaction

    status = make_status()
    status.is_published = True
    with pytest.raises(IntegrityError), transaction.atomic():
        status.save()


def test_statuses_import_from_csv_and_publish_on_request():
    data = (
        "事業番号,年度,評価,実施状況,成果,課題,今後の方向性,公開\r\n"
        "１,令和6年度,A,広報紙に毎月掲載,,,,はい\r\n"
        "2,R6,B 概ね計画どおり,情報交換会を開催,,,,いいえ\r\n"
    ).encode("cp932")
    outcome = import_file(
        resource=ProjectYearStatusResource(), data=data, file_format=JapaneseCSV()
    )
    assert outcome.errors == []
    first = ProjectYearStatus.objects.get(project__number=1)
    second = ProjectYearStatus.objects.get(project__number=2)
    assert first.is_published and first.published_at is not None
    assert not second.is_published and second.evaluation == "B"


def test_an_import_without_the_publish_column_keeps_what_is_published():
    status = publish(make_status(number=3, year=2024))
    data = "事業番号,年度,評価\n3,2024,A\n".encode()
    outcome = import_file(
        resource=ProjectYearStatusResource(), data=data, file_format=JapaneseCSV()
    )
    assert outcome.errors == []
    status.refresh_from_db()
    assert status.evaluation == "A"
    assert status.is_published
    assert status.activities == "意見交換会を3回開催した。"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("19,2024,A", "2行目「事業番号」：事業番号「19」は登録されていません。"),
        ("1,2023,A", "2行目「年度」：年度「2023」は対象の期間（2024〜2028年度）の外です。"),
        (
            "1,2024,E",
            "2行目「評価」：評価「E」は使えません。A・B・C・Dのいずれかを入力してください。",
        ),
    ],
)
def test_bad_status_rows_are_named(row, message):
    outcome = import_file(
        resource=ProjectYearStatusResource(),
        data=f"事業番号,年度,評価\n{row}\n".encode(),
        file_format=JapaneseCSV(),
    )
    assert outcome.errors == [message]
    assert ProjectYearStatus.objects.count() == 0


def test_admin_import_previews_then_saves(city_editor, client):
    client.force_login(city_editor)
    url = reverse("admin:plans_projectyearstatus_import")
    upload = io.BytesIO("事業番号,年度,評価\n5,2024,A\n".encode("cp932"))
    upload.name = "statuses.csv"
    preview = client.post(url, {"resource": 0, "format": 0, "import_file": upload})
    assert preview.status_code == 200
    assert ProjectYearStatus.objects.count() == 0  # nothing is saved before confirming
    confirm = preview.context["confirm_form"]
    response = client.post(reverse("admin:plans_projectyearstatus_process_import"), confirm.initial)
    assert response.status_code == 302
    status = ProjectYearStatus.objects.get(project__number=5)
    assert status.evaluation == "A"
    assert status.updated_by == city_editor


def test_admin_import_shows_row_errors_and_offers_no_confirmation(city_editor, client):
    client.force_login(city_editor)
    upload = io.BytesIO("事業番号,年度,評価\n5,2024,Z\n".encode())
    upload.name = "statuses.csv"
    response = client.post(
        reverse("admin:plans_projectyearstatus_import"),
        {"resource": 0, "format": 0, "import_file": upload},
    )
    html = response.content.decode()
    assert "評価「Z」は使えません" in html
    assert response.context.get("confirm_form") is None


def test_planned_phase_is_the_schedule_of_that_year():
    assert make_status(number=11, year=2024).planned_phase == "検討"
    assert make_status(number=11, year=2026).planned_phase == "実施"


def test_published_at_is_kept_when_published_again(city_editor):
    status = publish(make_status())
    first_time = status.published_at
    status.evaluation = "A"
    status.save()
    statuses_set_published(statuses=[status], published=True, user=city_editor)
    status.refresh_from_db()
    assert status.published_at == first_time
    assert status.published_at <= timezone.now()


def test_only_editors_may_import(city_viewer, client):
    client.force_login(city_viewer)
    assert client.get(reverse("admin:plans_projectyearstatus_import")).status_code == 403
    assert client.get(reverse("admin:indicators_indicatorvalue_import")).status_code == 403


def test_two_staff_editing_the_same_status_cannot_overwrite_each_other(city_editor, client):
    status = make_status()
    url = change_url(status)
    client.force_login(city_editor)
    opened_by_first = form_data(status, evaluation="A", opened_version=status.version)
    opened_by_second = form_data(status, evaluation="C", opened_version=status.version)
    assert client.post(url, opened_by_first).status_code == 302
    response = client.post(url, opened_by_second)
    assert response.status_code == 200
    assert "他の職員が変更しました" in response.content.decode()
    status.refresh_from_db()
    assert status.evaluation == "A"


def test_a_save_that_loses_the_race_is_refused_in_the_database():
    from plans.models import ConcurrentEditError

    status = make_status()
    first, second = (ProjectYearStatus.objects.get(pk=status.pk) for _ in range(2))
    first.expected_version = second.expected_version = status.version
    first.evaluation = "A"
    first.save()
    second.evaluation = "C"
    with pytest.raises(ConcurrentEditError):
        second.save()
    status.refresh_from_db()
    assert status.evaluation == "A" and status.version == 1
