"""A withdrawn status leaves no public trace of its changes until it is published again."""

import pytest

from plans.models import Project, ProjectYearStatus
from plans.services import statuses_set_published

pytestmark = pytest.mark.django_db

PROJECT_PAGE = "/plan/projects/11/"
FEEDS = ["/open-data/feeds/statuses.atom", "/open-data/feeds/projects/11.atom"]
OPEN_DATA = [
    "/open-data/project-status.csv",
    "/open-data/project-status.json",
    "/open-data/plan.json",
]


def published_then_changed(city_editor):
    status = ProjectYearStatus.objects.create(
        project=Project.objects.get(number=11),
        fiscal_year=2024,
        evaluation="A",
        activities="取下げ確認用の実施状況（初版）",
    )
    statuses_set_published(statuses=[status], published=True, user=city_editor)
    status.refresh_from_db()
    # What the admin's change form does for a published status.
    status.evaluation = "C"
    status.activities = "取下げ確認用の実施状況（訂正版）"
    status._change_reason = "集計誤りの訂正"
    status.save()
    status.refresh_from_db()
    return status


def public_text(client):
    pages = [PROJECT_PAGE, *FEEDS, *OPEN_DATA]
    return "\n".join(client.get(url).content.decode("utf-8-sig") for url in pages)


def test_a_withdrawn_status_shows_none_of_its_changes(
    city_editor, client, django_capture_on_commit_callbacks
):
    status = published_then_changed(city_editor)
    assert "評価を「A」から「C」に変更" in client.get(PROJECT_PAGE).content.decode()

    with django_capture_on_commit_callbacks(execute=True):  # as the admin's commit would
        statuses_set_published(statuses=[status], published=False, user=city_editor)

    text = public_text(client)
    assert "公開後の変更履歴" not in text
    assert "評価を「A」から「C」に変更" not in text
    assert "集計誤りの訂正" not in text
    assert "取下げ確認用の実施状況" not in text


def test_the_changes_show_again_once_it_is_published_again(city_editor, client):
    status = published_then_changed(city_editor)
    statuses_set_published(statuses=[status], published=False, user=city_editor)
    status.refresh_from_db()
    statuses_set_published(statuses=[status], published=True, user=city_editor)
    html = client.get(PROJECT_PAGE).content.decode()
    assert "評価を「A」から「C」に変更" in html
    assert "理由：集計誤りの訂正" in html


def test_a_deleted_status_shows_none_of_its_changes(city_editor, client):
    status = published_then_changed(city_editor)
    status.delete()
    assert "評価を「A」から「C」に変更" not in public_text(client)
