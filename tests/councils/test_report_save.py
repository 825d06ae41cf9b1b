"""Saving the report's pages: a section all of it or nothing, an altered page is a form error,
another body's rows are out of reach, and the report is submitted only when complete."""

import datetime

import pytest

from councils import forms
from councils.models import (
    Activity,
    ActivityPhoto,
    AnnualReport,
    CenterReport,
    RoleAssessment,
    SupportRating,
)
from councils.services import report_start

from .conftest import YEAR, complete, form_data, photo_upload

pytestmark = pytest.mark.django_db
REPORT = f"/portal/reports/{YEAR}/"
ROWS_CHANGED = "入力欄の数が変わっています。画面を読み込み直してから入力してください。"
NOT_SAVED = "保存されていません。次の項目を直してください。"
UNSAVED = "保存されてはいけない。"

# Each section with rows: its page, and changes to its answers that must not be saved when
# the page is refused.
SECTIONS = {
    "roles": ("assessment", {"report-overall_comment": UNSAVED, "roles-0-comment": UNSAVED}),
    "centers": ("centers", {"centers-0-note": UNSAVED, "centers-0-visits": "1"}),
    "ratings": ("support", {"report-opinions": UNSAVED, "ratings-0-score": "1"}),
}
# A filled-in extra row for each section.
EXTRA_ROW = {
    "roles": {"level": "進んでいる", "comment": "増やした行"},
    "centers": {"visits": "10", "note": "増やした行"},
    "ratings": {"score": "3"},
}
ROWS = {
    "roles": RoleAssessment,
    "activities": Activity,
    "centers": CenterReport,
    "ratings": SupportRating,
}
REPORT_FIELDS = ["overall_comment", "opinions", "status", "sections_saved_at", "updated_at"]


@pytest.fixture
def report(started_report):
    return complete(started_report)


@pytest.fixture
def other_report(reporter_b, period):
    return complete(report_start(body=reporter_b.reporter.body, fiscal_year=YEAR, user=reporter_b))


def _values(obj):
    return {f.name: getattr(obj, f.name) for f in obj._meta.concrete_fields}


def _state(report):
    """Everything a save could change: the report's own answers and all of its rows."""
    report.refresh_from_db()
    rows = {
        prefix: [_values(row) for row in model.objects.filter(report=report).order_by("pk")]
        for prefix, model in ROWS.items()
    }
    return {name: getattr(report, name) for name in REPORT_FIELDS}, rows


def _section_page(client, reporter, prefix):
    client.force_login(reporter)
    section, changes = SECTIONS[prefix]
    url = f"{REPORT}{section}/"
    page = client.get(url)
    assert page.status_code == 200
    return url, form_data(page, {**changes, "then": "list"})


def _assert_refused(response, report, before, message=ROWS_CHANGED):
    html = response.content.decode()
    assert response.status_code == 200
    assert NOT_SAVED in html
    assert f'<a href="#section-form">{message}</a>' in html
    assert "<title>エラー：" in html
    assert _state(report) == before  # nothing at all was saved, not even the time


@pytest.mark.parametrize("prefix", SECTIONS)
def test_a_section_refuses_an_added_row_and_saves_nothing(client, reporter_a, report, prefix):
    url, data = _section_page(client, reporter_a, prefix)
    before = _state(report)
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = total + 1
    for name, value in EXTRA_ROW[prefix].items():
        data[f"{prefix}-{total}-{name}"] = value
    _assert_refused(client.post(url, data), report, before)


@pytest.mark.parametrize("prefix", SECTIONS)
def test_a_section_refuses_a_row_counted_as_existing_without_an_id(
    client, reporter_a, report, prefix
):
    url, data = _section_page(client, reporter_a, prefix)
    before = _state(report)
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = data[f"{prefix}-INITIAL_FORMS"] = total + 1
    for name, value in EXTRA_ROW[prefix].items():
        data[f"{prefix}-{total}-{name}"] = value
    _assert_refused(client.post(url, data), report, before)


@pytest.mark.parametrize("prefix", SECTIONS)
def test_a_section_refuses_a_row_that_went_missing(client, reporter_a, report, prefix):
    url, data = _section_page(client, reporter_a, prefix)
    before = _state(report)
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = data[f"{prefix}-INITIAL_FORMS"] = total - 1
    _assert_refused(client.post(url, data), report, before)


@pytest.mark.parametrize("prefix", SECTIONS)
def test_a_row_of_another_report_is_refused_and_nothing_is_saved(
    client, reporter_a, report, other_report, prefix
):
    url, data = _section_page(client, reporter_a, prefix)
    before = _state(report)
    theirs = ROWS[prefix].objects.filter(report=other_report).first()
    assert theirs is not None
    theirs_before = _values(theirs)
    data[f"{prefix}-0-id"] = theirs.pk
    _assert_refused(client.post(url, data), report, before)
    theirs.refresh_from_db()
    assert _values(theirs) == theirs_before


def test_an_activity_of_another_report_is_out_of_reach(client, reporter_a, report, other_report):
    theirs = other_report.activities.get()
    Activity.objects.filter(pk=theirs.pk).update(title="興田の運動会")
    theirs.refresh_from_db()
    theirs_before = _values(theirs)
    client.force_login(reporter_a)
    edit = f"{REPORT}activities/{theirs.pk}/"
    assert client.get(edit).status_code == 404
    changed = {"held_on": "2025-09-01", "title": UNSAVED, "role": theirs.role_id, "then": "list"}
    assert client.post(edit, changed).status_code == 404
    assert client.get(f"{edit}delete/").status_code == 404
    assert client.post(f"{edit}delete/").status_code == 404
    theirs.refresh_from_db()
    assert _values(theirs) == theirs_before
    assert "興田の運動会" not in client.get(f"{REPORT}activities/").content.decode()


def test_an_activity_more_than_the_maximum_is_refused(client, reporter_a, report, monkeypatch):
    # The real maximum (200) on the list page is in test_report_limits.py; here the refusal
    # on a small scale.
    monkeypatch.setattr(Activity, "MAX_PER_REPORT", report.activities.count())
    before = _state(report)
    client.force_login(reporter_a)
    listing = client.get(f"{REPORT}activities/").content.decode()
    assert "活動実績は1件まで入力できます。これ以上は追加できません。" in listing
    assert f'href="{REPORT}activities/add/"' not in listing
    role = report.role_assessments.first().role_id
    new = {"held_on": "2025-09-01", "title": "2件目", "role": role, "then": "list"}
    response = client.post(f"{REPORT}activities/add/", new, follow=True)
    assert response.redirect_chain[-1][0] == f"{REPORT}activities/"
    assert "活動実績は1件まで入力できます。" in response.content.decode()
    assert _state(report) == before
    # The add page says so before anything is typed, not after.
    response = client.get(f"{REPORT}activities/add/", follow=True)
    assert response.redirect_chain[-1][0] == f"{REPORT}activities/"
    assert "活動実績は1件まで入力できます。" in response.content.decode()


def test_an_error_while_saving_a_section_saves_nothing_at_all(
    client, reporter_a, report, monkeypatch
):
    def broken_save(self, commit=True):
        raise RuntimeError("disk full")

    url, data = _section_page(client, reporter_a, "roles")
    before = _state(report)
    monkeypatch.setattr(forms.RoleAssessmentForm, "save", broken_save)
    with pytest.raises(RuntimeError):
        client.post(url, data)
    report.refresh_from_db()
    assert report.overall_comment == ""
    assert _state(report) == before


def test_an_error_while_saving_an_activity_saves_nothing_at_all(
    client, reporter_a, report, monkeypatch
):
    # The activity is written first, then its photo fails: the activity's change goes too.
    def broken_save(self, *args, **kwargs):
        raise RuntimeError("disk full")

    activity = report.activities.get()
    client.force_login(reporter_a)
    url = f"{REPORT}activities/{activity.pk}/"
    data = form_data(client.get(url), {"title": UNSAVED, "then": "list"})
    data["photo_1"] = photo_upload(size=(800, 600))
    before = _state(report)
    monkeypatch.setattr(ActivityPhoto, "save", broken_save)
    with pytest.raises(RuntimeError):
        client.post(url, data)
    assert _state(report) == before
    assert not ActivityPhoto.objects.filter(activity=activity).exists()


def test_the_check_page_offers_no_submission_while_anything_is_missing(client, reporter_a, report):
    AnnualReport.objects.filter(pk=report.pk).update(results_and_issues="")
    client.force_login(reporter_a)
    html = client.get(f"{REPORT}check/").content.decode()
    assert "5. 成果と課題を入力してください。" in html
    assert f'href="{REPORT}results/"' in html
    assert "同意して提出する" not in html
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.DRAFT


def test_a_submission_posted_while_anything_is_missing_is_refused(client, reporter_a, report):
    AnnualReport.objects.filter(pk=report.pk).update(results_and_issues="")
    report.activities.update(held_on=datetime.date(YEAR - 1, 8, 15))
    client.force_login(reporter_a)
    response = client.post(f"{REPORT}check/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "提出できませんでした。次の項目を入力してください。" in html
    assert "<title>エラー：" in html
    assert "5. 成果と課題を入力してください。" in html
    assert "2. 1件目の活動の実施日が、報告の年度の外です。" in html
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.DRAFT and report.submitted_at is None


def test_a_complete_report_submits_from_the_check_page(client, reporter_a, report):
    client.force_login(reporter_a)
    page = client.get(f"{REPORT}check/").content.decode()
    assert "同意して提出する" in page
    response = client.post(f"{REPORT}check/")
    assert response.status_code == 302 and response["Location"] == f"{REPORT}submitted/"
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.SUBMITTED
    html = client.get(response["Location"]).content.decode()
    assert "報告を提出しました" in html and "mashiba@example.jp" in html
    # A second post (a double click, the back button) leaves the submission as it was.
    submitted_at = report.submitted_at
    assert client.post(f"{REPORT}check/").status_code == 302
    report.refresh_from_db()
    assert report.submitted_at == submitted_at
