"""Freezing a year's report keeps it as that year's record, whatever is corrected later."""

import pytest
from django.utils import timezone

from councils.models import BodyReporter, CollaborationBody
from plans.models import Project, ProjectYearStatus
from progress_reports.models import FrozenReport

from .conftest import YEAR

pytestmark = pytest.mark.django_db
FREEZE_URL = f"/reports/{YEAR}/freeze/"


@pytest.fixture
def status():
    return ProjectYearStatus.objects.create(
        project=Project.objects.get(number=5), fiscal_year=YEAR, evaluation="B",
        activities="研修を2回実施した。", is_published=True, published_at=timezone.now(),
    )  # fmt: skip


def freeze(client, **data):
    return client.post(FREEZE_URL, {"confirm": "on", "note": "", **data})


def test_an_editor_freezes_a_finished_year(client, city_editor, status):
    client.force_login(city_editor)
    assert "この年度の報告書を確定する" in client.get(f"/reports/{YEAR}/").content.decode()
    response = freeze(client, note="令和8年11月の協働推進会議に提出")
    assert response.status_code == 302
    frozen = FrozenReport.objects.get(fiscal_year=YEAR)
    assert frozen.frozen_by == city_editor
    html = client.get(response.url).content.decode()
    assert "進捗状況報告書を確定しました" in html
    assert "確定版（" in html and "令和8年11月の協働推進会議に提出" in html
    assert "この年度の報告書を確定する" not in html


def test_freezing_needs_the_box_ticked(client, city_editor):
    client.force_login(city_editor)
    response = client.post(FREEZE_URL, {"note": ""})
    assert response.status_code == 200
    assert "確定する場合は、チェックを入れてください。" in response.content.decode()
    assert not FrozenReport.objects.exists()


def test_the_frozen_version_stays_after_a_correction_and_links_to_it(client, city_editor, status):
    client.force_login(city_editor)
    freeze(client)
    client.logout()
    status.activities = "研修を3回実施した。"
    status.save()

    html = client.get(f"/reports/{YEAR}/").content.decode()
    assert "研修を2回実施した。" in html and "研修を3回実施した。" not in html
    assert "確定した後に、次の内容のデータが訂正・追加されています。" in html
    assert "<li>事業5 職員研修の実施</li>" in html
    assert 'href="?version=current"' in html

    current = client.get(f"/reports/{YEAR}/", {"version": "current"}).content.decode()
    assert "研修を3回実施した。" in current
    assert "この年度の報告書は" in current and "確定版を見る" in current


def test_an_unchanged_frozen_report_has_no_correction_note(client, city_editor, status):
    client.force_login(city_editor)
    freeze(client)
    html = client.get(f"/reports/{YEAR}/").content.decode()
    assert "訂正・追加されています" not in html


def test_a_year_is_frozen_only_once(client, city_editor, status):
    client.force_login(city_editor)
    freeze(client)
    response = freeze(client, note="二度目")
    assert response.status_code == 302
    assert FrozenReport.objects.get().note == ""


def test_the_current_year_cannot_be_frozen_yet(client, city_editor):
    client.force_login(city_editor)
    assert client.get("/reports/2026/freeze/").status_code == 403
    assert "この年度の報告書を確定する" not in client.get("/reports/2026/").content.decode()


def test_only_editors_may_freeze(client, city_viewer):
    assert client.get(FREEZE_URL).status_code == 302  # to the login page
    assert freeze(client).status_code == 302
    client.force_login(city_viewer)
    assert client.get(FREEZE_URL).status_code == 403
    assert freeze(client).status_code == 403
    reporter = city_viewer.__class__.objects.create_user("body", password="correct horse battery")
    BodyReporter.objects.create(user=reporter, body=CollaborationBody.objects.first())
    client.force_login(reporter)
    assert freeze(client).status_code == 403
    assert not FrozenReport.objects.exists()


def test_the_frozen_report_is_read_only_in_the_admin(client, city_editor, status):
    client.force_login(city_editor)
    freeze(client)
    frozen = FrozenReport.objects.get()
    assert client.get("/admin/progress_reports/frozenreport/").status_code == 200
    assert client.get("/admin/progress_reports/frozenreport/add/").status_code == 403
    change = client.post(
        f"/admin/progress_reports/frozenreport/{frozen.pk}/change/", {"note": "書き換え"}
    )
    assert change.status_code == 403
    delete = client.post(
        f"/admin/progress_reports/frozenreport/{frozen.pk}/delete/", {"post": "yes"}
    )
    assert delete.status_code == 403
    assert FrozenReport.objects.get().note == ""


def test_a_report_that_later_shows_more_does_not_call_old_records_corrected(
    client, city_editor, status
):
    client.force_login(city_editor)
    freeze(client)
    frozen = FrozenReport.objects.get()
    # A record frozen by an earlier version of the report, which had no English titles.
    for policy in frozen.data["policies"]:
        policy.pop("title_en")
        for measure in policy["measures"]:
            for project in measure["projects"]:
                project.pop("title_en")
    frozen.save()
    html = client.get(f"/reports/{YEAR}/").content.decode()
    assert "訂正・追加されています" not in html
