"""Saving the report page: all of it or nothing, and an altered page is a form error."""

import pytest

from councils.models import Activity, AnnualReport, CenterReport, RoleAssessment, SupportRating
from councils.services import report_start

from .conftest import YEAR, complete, form_data

pytestmark = pytest.mark.django_db
URL = f"/portal/reports/{YEAR}/"
ROWS_CHANGED = "入力欄の数が変わっています。画面を読み込み直してから入力してください。"

# A filled-in extra row for each of the report's sections.
EXTRA_ROW = {
    "roles": {"level": "進んでいる", "comment": "増やした行"},
    "activities": {"title": "増やした行", "held_on": "2025-09-01"},
    "centers": {"visits": "10", "note": "増やした行"},
    "ratings": {"score": "3"},
}
ROWS = {
    "roles": RoleAssessment,
    "activities": Activity,
    "centers": CenterReport,
    "ratings": SupportRating,
}


@pytest.fixture
def report(started_report):
    return complete(started_report)


@pytest.fixture
def other_report(reporter_b, period):
    return complete(report_start(body=reporter_b.reporter.body, fiscal_year=YEAR, user=reporter_b))


def _page(client, reporter):
    client.force_login(reporter)
    return client.get(URL)


def _row_counts(report):
    return {prefix: model.objects.filter(report=report).count() for prefix, model in ROWS.items()}


def _assert_refused(response, report, counts, message=ROWS_CHANGED):
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "入力に誤りがあります" in html
    report.refresh_from_db()
    assert report.overall_comment == ""  # nothing at all was saved
    assert _row_counts(report) == counts


@pytest.mark.parametrize("prefix", ["roles", "centers", "ratings"])
def test_a_fixed_section_refuses_an_added_row_and_saves_nothing(client, reporter_a, report, prefix):
    page = _page(client, reporter_a)
    counts = _row_counts(report)
    data = form_data(page, {"report-overall_comment": "保存されてはいけない。"})
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = total + 1
    for name, value in EXTRA_ROW[prefix].items():
        data[f"{prefix}-{total}-{name}"] = value
    _assert_refused(client.post(URL, data), report, counts)


@pytest.mark.parametrize("prefix", ["roles", "centers", "ratings"])
def test_a_fixed_section_refuses_a_row_counted_as_existing_without_an_id(
    client, reporter_a, report, prefix
):
    page = _page(client, reporter_a)
    counts = _row_counts(report)
    data = form_data(page, {"report-overall_comment": "保存されてはいけない。"})
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = data[f"{prefix}-INITIAL_FORMS"] = total + 1
    for name, value in EXTRA_ROW[prefix].items():
        data[f"{prefix}-{total}-{name}"] = value
    _assert_refused(client.post(URL, data), report, counts)


@pytest.mark.parametrize("prefix", ["roles", "activities", "centers", "ratings"])
def test_a_row_of_another_report_is_refused_and_nothing_is_saved(
    client, reporter_a, report, other_report, prefix
):
    page = _page(client, reporter_a)
    counts = _row_counts(report)
    theirs = ROWS[prefix].objects.filter(report=other_report).first()
    assert theirs is not None
    data = form_data(page, {"report-overall_comment": "保存されてはいけない。"})
    assert f"{prefix}-0-id" in data, f"{prefix} has no row to alter"
    data[f"{prefix}-0-id"] = theirs.pk
    before = {f.name: getattr(theirs, f.name) for f in ROWS[prefix]._meta.concrete_fields}
    _assert_refused(client.post(URL, data), report, counts)
    theirs.refresh_from_db()
    assert {f.name: getattr(theirs, f.name) for f in ROWS[prefix]._meta.concrete_fields} == before


def test_activities_refuse_more_rows_than_their_maximum(client, reporter_a, report, monkeypatch):
    # The real maximum is exercised end to end in test_report_limits.py; here the formset's
    # own check, on a small scale.
    from councils.forms import ActivityFormSet

    monkeypatch.setattr(ActivityFormSet, "max_num", 1)
    page = _page(client, reporter_a)
    counts = _row_counts(report)
    data = form_data(page, {"report-overall_comment": "保存されてはいけない。"})
    total = int(data["activities-TOTAL_FORMS"])
    data["activities-TOTAL_FORMS"] = total + 1
    for name, value in EXTRA_ROW["activities"].items():
        data[f"activities-{total}-{name}"] = value
    _assert_refused(client.post(URL, data), report, counts, message="活動実績は1件まで")


def test_an_error_while_saving_saves_nothing_at_all(client, reporter_a, report, monkeypatch):
    from councils import forms

    def broken_save(self, commit=True):
        raise RuntimeError("disk full")

    page = _page(client, reporter_a)
    data = form_data(
        page,
        {
            "report-overall_comment": "保存されてはいけない。",
            "activities-0-title": "名前を変えた",
        },
    )
    monkeypatch.setattr(forms.ActivityForm, "save", broken_save)
    with pytest.raises(RuntimeError):
        client.post(URL, data)
    report.refresh_from_db()
    assert report.overall_comment == ""
    assert report.status == AnnualReport.Status.DRAFT


def test_a_refused_submission_keeps_the_draft_and_a_good_one_submits(client, reporter_a, report):
    page = _page(client, reporter_a)
    data = form_data(page, {"report-overall_comment": "全体として進んだ。", "action": "submit"})
    data["report-results_and_issues"] = ""
    response = client.post(URL, data)
    assert "5. 成果と課題を入力してください。" in response.content.decode()
    report.refresh_from_db()
    assert report.overall_comment == "全体として進んだ。"
    assert report.status == AnnualReport.Status.DRAFT

    data["report-results_and_issues"] = "担い手が増えた。"
    response = client.post(URL, data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.SUBMITTED
