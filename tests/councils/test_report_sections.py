"""The annual report one section at a time, as a body's reporter goes through it.

The task list and its states, saving one section without touching the others, the error
summary, 「必須」 marks, last year's answers, the activities one by one, the check page and
submitting, a returned report, a report past its deadline, and the pages' query counts.
"""

import datetime
import re

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from core.fiscal import wareki_date
from councils.models import (
    Activity,
    ActivityPhoto,
    AnnualReport,
    ReportExtension,
    ReportingPeriod,
    ReportSnapshot,
)
from councils.services import changed_sections, report_start, report_transition, snapshot

from .conftest import YEAR, complete, form_data, photo_upload

pytestmark = pytest.mark.django_db
Status = AnnualReport.Status

URL = f"/portal/reports/{YEAR}/"
ADD_URL = f"{URL}activities/add/"
CHECK_URL = f"{URL}check/"
SUBMITTED_URL = f"{URL}submitted/"
SECTIONS = ["assessment", "activities", "centers", "support", "results", "consent"]
LABELS = [
    "1. 地域づくり計画の達成状況",
    "2. 活動実績",
    "3. 市民センター",
    "4. 行政の支援に対する評価",
    "5. 成果と課題・次年度の取組",
    "6. 公開の同意",
]
SUMMARY_TITLE = "保存されていません。次の項目を直してください。"
LOCKED = "この報告は現在編集できません。"
OUTSIDE_YEAR = (
    "実施日は令和7年4月1日から令和8年3月31日までの日付にしてください（この報告の年度です）。"
)


def section_url(section, year=YEAR):
    return f"/portal/reports/{year}/{section}/"


def edit_url(activity):
    return f"{URL}activities/{activity.pk}/"


def delete_url(activity):
    return f"{URL}activities/{activity.pk}/delete/"


def html(response):
    return response.content.decode()


def save(client, section, changes=None, then="list", year=YEAR):
    """Open a section's page and press a save button, as the browser would send the form."""
    page = client.get(section_url(section, year))
    assert page.status_code == 200
    changes = {"then": then, **(changes or {})}
    data = form_data(page, changes) if "forms" in page.context else changes
    return client.post(section_url(section, year), data)


def task_states(response) -> dict[str, str]:
    """Each section's state on the task list, in page order: {"results": "入力中", …}."""
    found = re.findall(
        r'<span id="state-(\w+)" class="task-state task-state-([\w-]+)">([^<]+)</span>',
        html(response),
    )
    css = {"未入力": "not-started", "入力中": "in-progress", "入力済み": "done"}
    found = [(key, state, label) for key, state, label in found if key in SECTIONS]
    for _key, state, label in found:
        assert css[label] == state  # the word and the colour say the same
    return {key: label for key, _state, label in found}


def task_requests(response) -> dict[str, list[str]]:
    """The staff's requests shown beside each section of the task list."""
    items = re.findall(
        r'<li class="task-list-item">(.*?)<span id="state-(\w+)"', html(response), re.S
    )
    return {
        key: re.findall(r'<p class="task-request"><strong>修正のお願い：</strong>(.*?)</p>', item)
        for item, key in items
    }


def field_block(page, name):
    """A field's part of the page, from its wrapper to the next field's."""
    start = page.index(f'id="div_id_{name}"')
    end = page.find('id="div_id_', start + 1)
    return page[start : end if end != -1 else len(page)]


def field_label(page, name):
    """A field's label (or a radio group's legend): everything before its first input."""
    block = field_block(page, name)
    return block[: re.search(r"<(input|textarea|select)\b", block).start()]


def error_summary(page) -> list[tuple[str, str]]:
    """The error summary's problems as (id the link goes to, message)."""
    summary = re.search(r'<div class="error-summary".*?</ul>', page, re.S)
    assert summary, "no error summary on the page"
    return re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary.group(0))


def ids(page):
    return set(re.findall(r'\sid="([^"]+)"', page))


def buttons(page):
    return [
        re.sub(r"\s+", " ", text).strip()
        for text in re.findall(r"<button\b[^>]*>(.*?)</button>", page, re.S)
    ]


def days_from_today(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def first_role(report):
    return report.role_assessments.first().role


def activity_data(report, **changes):
    return {
        "held_on": f"{YEAR}-08-15",
        "title": "夏まつり",
        "role": first_role(report).pk,
        "participants": "300",
        "description": "地区の夏まつりを開催した。",
        "then": "list",
        **changes,
    }


@pytest.fixture
def logged_in(client, reporter_a):
    client.force_login(reporter_a)
    return client


# The task list.


def test_a_new_report_lists_the_six_sections_in_order_none_started(logged_in, period):
    response = logged_in.get(URL)
    assert response.status_code == 200
    page = html(response)
    links = re.findall(r'<a href="([^"]+)" aria-describedby="state-(\w+)">([^<]+)</a>', page)
    assert [(href, label) for href, key, label in links if key in SECTIONS] == [
        (section_url(key), label) for key, label in zip(SECTIONS, LABELS, strict=True)
    ]
    assert list(task_states(response).items()) == [(key, "未入力") for key in SECTIONS]
    assert "6項目のうち0項目が入力済みです。" in page
    assert re.search(rf'<a href="{CHECK_URL}"[^>]*>確認して提出</a>', page)


def test_the_task_list_shows_the_deadline_in_wareki(logged_in, period):
    due = wareki_date(period.due_on)
    assert re.fullmatch(r"令和\d+年\d+月\d+日", due)
    assert f"<dd>{due}（あと30日）" in html(logged_in.get(URL))


def test_a_section_is_in_progress_until_what_it_needs_is_filled(logged_in, started_report):
    save(logged_in, "results", {"report-next_year_plan": "防災訓練を増やす。"})
    response = logged_in.get(URL)
    assert task_states(response)["results"] == "入力中"
    assert "6項目のうち0項目が入力済みです。" in html(response)

    save(logged_in, "results", {"report-results_and_issues": "担い手が増えた。"})
    response = logged_in.get(URL)
    assert task_states(response)["results"] == "入力済み"
    assert "6項目のうち1項目が入力済みです。" in html(response)
    started_report.refresh_from_db()
    assert started_report.next_year_plan == "防災訓練を増やす。"


def test_consent_is_done_only_once_saved_though_its_boxes_start_ticked(logged_in, started_report):
    consent = html(logged_in.get(section_url("consent")))
    assert re.search(r'name="report-publish_activities"[^>]*checked', consent)
    assert re.search(r'name="report-publish_photos"[^>]*checked', consent)
    assert task_states(logged_in.get(URL))["consent"] == "未入力"

    save(logged_in, "consent")
    assert task_states(logged_in.get(URL))["consent"] == "入力済み"
    started_report.refresh_from_db()
    assert "consent" in started_report.sections_saved_at


# Saving one section leaves the others alone.


def test_saving_a_section_keeps_what_another_member_saved_meanwhile(logged_in, started_report):
    results_page = logged_in.get(section_url("results"))
    # Meanwhile, in another tab, section 1 is filled in and saved.
    save(
        logged_in,
        "assessment",
        {
            "report-overall_level": "進んでいる",
            "report-overall_comment": "計画どおり進んだ。",
            "roles-0-level": "概ね進んでいる",
        },
    )
    response = logged_in.post(
        section_url("results"),
        form_data(results_page, {"report-results_and_issues": "担い手が増えた。", "then": "list"}),
    )
    assert response.status_code == 302
    started_report.refresh_from_db()
    assert started_report.results_and_issues == "担い手が増えた。"
    assert started_report.overall_level == "進んでいる"
    assert started_report.overall_comment == "計画どおり進んだ。"
    assert started_report.role_assessments.first().level == "概ね進んでいる"


def test_a_field_of_another_section_posted_with_a_section_changes_nothing(
    logged_in, started_report
):
    started_report.overall_level = "あまり進んでいない"
    started_report.save()
    response = save(
        logged_in,
        "results",
        {
            "report-results_and_issues": "担い手が増えた。",
            "report-overall_level": "進んでいる",
            "report-overall_comment": "書き換えられてはいけない。",
            "report-publish_opinions": "on",
        },
    )
    assert response.status_code == 302
    started_report.refresh_from_db()
    assert started_report.results_and_issues == "担い手が増えた。"
    assert started_report.overall_level == "あまり進んでいない"
    assert started_report.overall_comment == ""
    assert started_report.publish_opinions is False
    assert set(started_report.sections_saved_at) == {"results"}


# Where the save buttons lead.


@pytest.mark.parametrize(
    ("section", "following"),
    [
        ("assessment", section_url("activities")),
        ("activities", section_url("centers")),
        ("centers", section_url("support")),
        ("support", section_url("results")),
        ("results", section_url("consent")),
        ("consent", CHECK_URL),
    ],
)
def test_save_and_next_goes_to_the_next_section(logged_in, started_report, section, following):
    response = save(logged_in, section, then="next")
    assert response.status_code == 302
    assert response.url == following
    started_report.refresh_from_db()
    assert section in started_report.sections_saved_at


def test_save_and_return_goes_to_the_task_list_and_says_what_was_saved(logged_in, started_report):
    response = save(logged_in, "results", {"report-next_year_plan": "防災訓練を増やす。"})
    assert response.status_code == 302
    assert response.url == URL
    page = html(logged_in.get(response.url))
    assert "「5. 成果と課題・次年度の取組」を保存しました。" in page


# The error pattern: nothing saved, a summary with links, the message beside the field.

BAD_POSTS = [
    pytest.param(
        "centers",
        {"centers-0-visits": "-5", "centers-0-note": "改修で3か月休館した。"},
        "id_centers-0-visits",
        id="negative-visits",
    ),
    pytest.param(
        "centers",
        {"centers-0-visits": "たくさん", "centers-0-note": "改修で3か月休館した。"},
        "id_centers-0-visits",
        id="visits-not-a-number",
    ),
    pytest.param(
        "support",
        {"ratings-0-score": "9", "ratings-1-score": "4", "report-opinions": "交付金を増やして。"},
        "id_ratings-0-score_0",
        id="score-out-of-range",
    ),
    pytest.param(
        "assessment",
        {
            "report-overall_level": "とても",
            "report-overall_comment": "計画どおり進んだ。",
            "roles-0-level": "進んでいる",
        },
        "id_report-overall_level_0",
        id="unknown-level",
    ),
]


@pytest.mark.parametrize(("section", "changes", "target"), BAD_POSTS)
def test_a_section_error_saves_nothing_and_links_to_the_field(
    logged_in, started_report, section, changes, target
):
    before = snapshot(started_report)
    response = save(logged_in, section, changes)

    assert response.status_code == 200
    started_report.refresh_from_db()
    assert snapshot(started_report) == before  # not even the valid answers of the same post
    assert started_report.sections_saved_at == {}
    page = html(response)
    assert re.search(r"<title>\s*エラー：", page)
    assert f'<h2 id="error-summary-title" class="error-summary-title">{SUMMARY_TITLE}</h2>' in page
    assert 'role="alert"' in page and "autofocus" in page
    problems = error_summary(page)
    assert [link for link, _message in problems] == [target]
    assert target in ids(page)
    field_id = target.removesuffix("_0")
    feedback = re.search(
        rf'<div id="{field_id}_error" class="invalid-feedback">\s*<p[^>]*><strong>([^<]+)</strong>',
        page,
    )
    assert feedback, "no message beside the field"
    assert feedback.group(1) in problems[0][1]


def test_a_page_with_rows_changed_links_the_problem_to_the_form(logged_in, started_report):
    page = logged_in.get(section_url("centers"))
    data = form_data(page, {"centers-0-visits": "1200", "then": "list"})
    data["centers-0-id"] = 999_999
    response = logged_in.post(section_url("centers"), data)
    assert response.status_code == 200
    assert started_report.center_reports.get().visits is None
    problems = error_summary(html(response))
    assert (
        "section-form",
        "入力欄の数が変わっています。画面を読み込み直してから入力してください。",
    ) in problems
    assert "section-form" in ids(html(response))


# 「必須」 marks: on what a submission needs, and on nothing else.


def test_required_marks_label_what_a_submission_needs(logged_in, started_report):
    roles = started_report.role_assessments.count()
    ratings = started_report.support_ratings.count()
    pages = {
        section_url("assessment"): (
            ["report-overall_level", *(f"roles-{i}-level" for i in range(roles))],
            ["report-overall_comment", *(f"roles-{i}-comment" for i in range(roles))],
        ),
        section_url("centers"): (["centers-0-visits"], ["centers-0-note"]),
        section_url("support"): (
            [f"ratings-{i}-score" for i in range(ratings)],
            ["report-opinions"],
        ),
        section_url("results"): (["report-results_and_issues"], ["report-next_year_plan"]),
        ADD_URL: (["held_on", "title", "role"], ["participants", "description"]),
    }
    for url, (required, optional) in pages.items():
        page = html(logged_in.get(url))
        for name in required:
            assert '<span class="required-mark">必須</span>' in field_label(page, name), name
        for name in optional:
            assert "required-mark" not in field_label(page, name), name


# Last year's answers beside this year's inputs.


@pytest.fixture
def last_year(reporter_a, city_editor, period):
    """Body A's accepted report of the year before."""
    ReportingPeriod.objects.create(
        fiscal_year=YEAR - 1, opens_on=period.opens_on, due_on=period.due_on
    )
    report = report_start(body=reporter_a.reporter.body, fiscal_year=YEAR - 1, user=reporter_a)
    complete(report, visits=8_700)
    report.activities.update(held_on=datetime.date(YEAR - 1, 8, 15))
    report.next_year_plan = "防災訓練を増やす。"
    report.save()
    report_transition(report=report, to=Status.SUBMITTED, user=reporter_a)
    report_transition(report=report, to=Status.ACCEPTED, user=city_editor)
    return report


def test_last_years_answers_appear_beside_the_inputs(logged_in, started_report, last_year):
    centers = html(logged_in.get(section_url("centers")))
    assert "昨年度：8,700人" in field_block(centers, "centers-0-visits")

    assessment = html(logged_in.get(section_url("assessment")))
    assert "昨年度：概ね進んでいる" in field_block(assessment, "report-overall_level")
    assert "昨年度：進んでいる" in field_block(assessment, "roles-0-level")

    support = html(logged_in.get(section_url("support")))
    assert "昨年度：4 ほぼ満足" in field_block(support, "ratings-0-score")

    results = html(logged_in.get(section_url("results")))
    assert "担い手が増えた。" in results and "防災訓練を増やす。" in results

    assert "昨年度：1件" in html(logged_in.get(section_url("activities")))


def test_another_bodys_last_year_is_never_shown(client, reporter_b, period, last_year):
    client.force_login(reporter_b)
    for section in ["assessment", "activities", "centers", "support", "results"]:
        page = html(client.get(section_url(section)))
        assert "昨年度" not in page, section
        assert "担い手が増えた。" not in page


# Activities, one at a time.


def test_activities_are_added_one_after_another(logged_in, started_report):
    response = logged_in.post(ADD_URL, activity_data(started_report, then="another"))
    assert response.status_code == 302 and response.url == ADD_URL
    assert "活動「夏まつり」を保存しました。" in html(logged_in.get(ADD_URL))

    response = logged_in.post(
        ADD_URL, activity_data(started_report, held_on=f"{YEAR}-11-03", title="防災訓練")
    )
    assert response.status_code == 302 and response.url == section_url("activities")

    activities = list(started_report.activities.all())
    assert [a.title for a in activities] == ["夏まつり", "防災訓練"]
    assert activities[0].participants == 300 and activities[0].role == first_role(started_report)
    page = html(logged_in.get(section_url("activities")))
    for activity in activities:
        assert f'href="{edit_url(activity)}">変更' in page
        assert f'href="{delete_url(activity)}">削除' in page
    assert f'href="{ADD_URL}">活動を追加</a>' in page
    assert "入力した活動（2件）" in page
    assert task_states(logged_in.get(URL))["activities"] == "入力済み"


def test_an_activity_is_changed(logged_in, started_report):
    activity = Activity.objects.create(
        report=started_report, held_on=datetime.date(YEAR, 8, 15), title="夏まつり"
    )
    assert 'value="夏まつり"' in html(logged_in.get(edit_url(activity)))
    response = logged_in.post(
        edit_url(activity),
        activity_data(started_report, held_on=f"{YEAR}-08-16", title="夏祭り", participants=""),
    )
    assert response.status_code == 302 and response.url == section_url("activities")
    activity.refresh_from_db()
    assert activity.title == "夏祭り"
    assert activity.held_on == datetime.date(YEAR, 8, 16)
    assert activity.participants is None
    assert started_report.activities.count() == 1


def test_an_activity_is_deleted_with_its_photos_after_a_question(logged_in, started_report):
    logged_in.post(
        ADD_URL,
        activity_data(
            started_report,
            photo_1=photo_upload(size=(400, 300)),
            photo_2=photo_upload(size=(400, 300)),
        ),
    )
    activity = started_report.activities.get()
    assert activity.photos.count() == 2

    question = html(logged_in.get(delete_url(activity)))
    assert "活動「夏まつり」を削除しますか" in question
    assert "写真2枚も一緒に削除します。" in question
    assert Activity.objects.filter(pk=activity.pk).exists()

    response = logged_in.post(delete_url(activity))
    assert response.status_code == 302 and response.url == section_url("activities")
    assert not Activity.objects.filter(pk=activity.pk).exists()
    assert not ActivityPhoto.objects.filter(activity_id=activity.pk).exists()
    assert "活動「夏まつり」を削除しました。" in html(logged_in.get(response.url))


@pytest.mark.parametrize("held_on", ["2020-08-15", "2025-03-31", "2026-04-01"])
def test_a_date_outside_the_reports_year_is_refused(logged_in, started_report, held_on):
    response = logged_in.post(ADD_URL, activity_data(started_report, held_on=held_on))
    assert response.status_code == 200
    assert not started_report.activities.exists()
    page = html(response)
    [(link, message)] = error_summary(page)
    assert link == "id_held_on" and OUTSIDE_YEAR in message
    assert OUTSIDE_YEAR in field_block(page, "held_on")


@pytest.mark.parametrize("held_on", ["2025-04-01", "2026-03-31"])
def test_the_first_and_last_day_of_the_year_are_accepted(logged_in, started_report, held_on):
    response = logged_in.post(ADD_URL, activity_data(started_report, held_on=held_on))
    assert response.status_code == 302
    assert started_report.activities.get().held_on == datetime.date.fromisoformat(held_on)


def test_an_activity_holds_up_to_three_photos_and_one_can_be_removed(logged_in, started_report):
    photos = {f"photo_{i}": photo_upload(f"写真{i}.jpg", size=(400, 300)) for i in (1, 2, 3)}
    logged_in.post(ADD_URL, activity_data(started_report, caption_1="開会式", **photos))
    activity = started_report.activities.get()
    first, *others = activity.photos.all()
    assert first.caption == "開会式" and len(others) == 2

    page = html(logged_in.get(edit_url(activity)))
    assert 'name="photo_1"' not in page  # three already: no room for another
    for photo in [first, *others]:
        assert f'name="delete_photo_{photo.pk}"' in page

    response = logged_in.post(
        edit_url(activity), activity_data(started_report, **{f"delete_photo_{first.pk}": "on"})
    )
    assert response.status_code == 302
    assert list(activity.photos.all()) == others

    page = html(logged_in.get(edit_url(activity)))
    assert 'name="photo_1"' in page and 'name="photo_2"' not in page
    logged_in.post(
        edit_url(activity),
        activity_data(
            started_report,
            photo_1=photo_upload(size=(400, 300)),
            photo_2=photo_upload(size=(400, 300)),
        ),
    )
    assert activity.photos.count() == 3


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("url", [edit_url, delete_url])
def test_another_bodys_activity_is_not_found(client, reporter_b, started_report, method, url):
    activity = Activity.objects.create(
        report=started_report, held_on=datetime.date(YEAR, 8, 15), title="夏まつり"
    )
    client.force_login(reporter_b)
    data = activity_data(started_report, title="書き換え") if method == "post" else None
    response = getattr(client, method)(url(activity), data)
    assert response.status_code == 404
    activity.refresh_from_db()
    assert activity.title == "夏まつり" and activity.report == started_report


# The check page and submitting.


def test_the_check_page_lists_what_is_missing_by_section_with_links(logged_in, started_report):
    complete(started_report)
    started_report.center_reports.update(visits=None)
    started_report.results_and_issues = ""
    started_report.save()
    page = html(logged_in.get(CHECK_URL))

    missing = re.search(r'<div class="alert alert-warning" id="missing".*?</div>', page, re.S)
    groups = re.findall(
        r'<p class="mb-1"><a href="([^"]+)">([^<]+)</a></p>\s*<ul>(.*?)</ul>',
        missing.group(0),
        re.S,
    )
    assert [(href, label) for href, label, _items in groups] == [
        (section_url("centers"), "3. 市民センター"),
        (section_url("results"), "5. 成果と課題・次年度の取組"),
    ]
    assert re.findall(r"<li>(.*?)</li>", groups[0][2]) == [
        "3. 真柴市民センターの利用者数を入力してください。"
    ]
    assert re.findall(r"<li>(.*?)</li>", groups[1][2]) == ["5. 成果と課題を入力してください。"]
    assert "同意して提出する" not in page
    for section in SECTIONS:
        assert f'<a href="{section_url(section)}">変更' in page


def test_an_incomplete_report_posted_from_the_check_page_stays_a_draft(logged_in, started_report):
    response = logged_in.post(CHECK_URL)
    assert response.status_code == 200
    assert ("missing", "2. 活動実績を1件以上入力してください。") in error_summary(html(response))
    started_report.refresh_from_db()
    assert started_report.status == Status.DRAFT
    assert not started_report.snapshots.exists()


def test_a_complete_report_is_submitted_from_the_check_page(logged_in, started_report, settings):
    settings.PORTAL_REVIEW_DAYS = 10
    complete(started_report)
    page = html(logged_in.get(CHECK_URL))
    assert 'id="missing"' not in page
    assert "同意して提出する" in buttons(page)

    response = logged_in.post(CHECK_URL)
    assert response.status_code == 302 and response.url == SUBMITTED_URL
    started_report.refresh_from_db()
    assert started_report.status == Status.SUBMITTED
    assert started_report.snapshots.get().kind == ReportSnapshot.Kind.SUBMITTED

    page = html(logged_in.get(SUBMITTED_URL))
    assert "報告を提出しました" in page
    answer_by = timezone.localdate(started_report.submitted_at) + datetime.timedelta(days=10)
    assert f"{wareki_date(answer_by)}ごろまでに" in page
    assert "お知らせは mashiba@example.jp にメールでお送りします。" in page


def test_the_submitted_page_says_when_there_is_no_email_address(
    logged_in, reporter_a, started_report
):
    reporter_a.email = ""
    reporter_a.save()
    complete(started_report)
    report_transition(report=started_report, to=Status.SUBMITTED, user=reporter_a)
    page = html(logged_in.get(SUBMITTED_URL))
    assert "このアカウントにはメールアドレスが登録されていないため" in page
    assert "にメールでお送りします" not in page
    answer_by = timezone.localdate(started_report.submitted_at) + datetime.timedelta(
        days=django_settings.PORTAL_REVIEW_DAYS
    )
    assert wareki_date(answer_by) in page


def test_the_submitted_page_of_a_draft_leads_to_the_task_list(logged_in, started_report):
    response = logged_in.get(SUBMITTED_URL)
    assert response.status_code == 302 and response.url == URL


def test_nothing_but_the_check_page_offers_to_submit(logged_in, started_report):
    complete(started_report)
    activity = started_report.activities.get()
    urls = [URL, ADD_URL, edit_url(activity), delete_url(activity)]
    urls += [section_url(section) for section in SECTIONS]
    for url in urls:
        page = html(logged_in.get(url))
        assert not [text for text in buttons(page) if "提出" in text], url
        assert 'value="submit"' not in page, url
    assert "同意して提出する" in buttons(html(logged_in.get(CHECK_URL)))


# A returned report: the current requests, one section fixed, submitted again.


@pytest.fixture
def returned(started_report, reporter_a, city_editor):
    """Returned twice: first about section 5, then, after resubmitting, about section 3."""
    complete(started_report)
    report_transition(report=started_report, to=Status.SUBMITTED, user=reporter_a)
    report_transition(
        report=started_report,
        to=Status.RETURNED,
        user=city_editor,
        comments={"results": "成果を数字で書いてください。"},
    )
    report_transition(report=started_report, to=Status.SUBMITTED, user=reporter_a)
    report_transition(
        report=started_report,
        to=Status.RETURNED,
        user=city_editor,
        comments={"centers": "利用者数を確認してください。"},
    )
    return started_report


def test_the_task_list_shows_the_current_request_beside_its_section(logged_in, returned):
    response = logged_in.get(URL)
    assert task_requests(response) == {
        "assessment": [],
        "activities": [],
        "centers": ["利用者数を確認してください。"],
        "support": [],
        "results": [],
        "consent": [],
    }
    assert "成果を数字で書いてください。" not in html(response)
    centers = html(logged_in.get(section_url("centers")))
    assert "市からの修正のお願い" in centers and "利用者数を確認してください。" in centers
    assert "市からの修正のお願い" not in html(logged_in.get(section_url("results")))


def test_a_returned_report_is_fixed_and_submitted_again(logged_in, returned):
    response = save(logged_in, "centers", {"centers-0-visits": "1200"})
    assert response.status_code == 302
    assert "同意して提出する" in buttons(html(logged_in.get(CHECK_URL)))
    response = logged_in.post(CHECK_URL)
    assert response.status_code == 302 and response.url == SUBMITTED_URL
    returned.refresh_from_db()
    assert returned.status == Status.SUBMITTED
    assert returned.center_reports.get().visits == 1200
    assert changed_sections(returned) == ["3. 市民センター"]


# A draft past its deadline.


@pytest.fixture
def past_due(period, started_report):
    complete(started_report)
    period.opens_on = days_from_today(-60)
    period.due_on = days_from_today(-1)
    period.save()
    return started_report


def test_a_draft_past_its_deadline_shows_its_answers_read_only(logged_in, past_due):
    page = html(logged_in.get(URL))
    assert "提出期限を過ぎたため、この報告は編集できません。" in page
    assert "夏まつり" in page and "12,000人" in page
    assert 'class="task-list"' not in page
    assert section_url("centers") not in page


def test_a_draft_past_its_deadline_cannot_be_changed(logged_in, past_due):
    activity = past_due.activities.get()
    for url in [*(section_url(s) for s in SECTIONS), ADD_URL, edit_url(activity)]:
        response = logged_in.get(url)
        assert response.status_code == 302 and response.url == URL, url
    assert LOCKED in html(logged_in.get(URL))

    before = snapshot(past_due)
    posts = {
        section_url("results"): {"report-results_and_issues": "期限後の書き換え", "then": "list"},
        section_url("activities"): {"then": "list"},
        ADD_URL: activity_data(past_due, title="期限後の活動"),
        edit_url(activity): activity_data(past_due, title="期限後の書き換え"),
        delete_url(activity): {},
        CHECK_URL: {},
    }
    for url, data in posts.items():
        response = logged_in.post(url, data)
        assert response.status_code == 302 and response.url == URL, url
    past_due.refresh_from_db()
    assert snapshot(past_due) == before
    assert past_due.status == Status.DRAFT
    assert past_due.sections_saved_at == {}


def test_an_extension_opens_the_pages_again(logged_in, past_due):
    ReportExtension.objects.create(
        body=past_due.body, fiscal_year=YEAR, until=days_from_today(7), reason="災害対応のため"
    )
    assert logged_in.get(section_url("results")).status_code == 200
    response = save(logged_in, "results", {"report-next_year_plan": "延長中に書いた。"})
    assert response.status_code == 302
    past_due.refresh_from_db()
    assert past_due.next_year_plan == "延長中に書いた。"
    assert 'class="task-list"' in html(logged_in.get(URL))


# Query counts on realistic data: a complete report with 20 activities and their photos.


@pytest.fixture
def busy_report(started_report):
    complete(started_report)
    role = first_role(started_report)
    for number in range(1, 20):
        activity = Activity.objects.create(
            report=started_report,
            held_on=datetime.date(YEAR, 9, 1) + datetime.timedelta(days=number),
            title=f"活動{number}",
            role=role,
            participants=number * 10,
        )
        for photo in (1, 2):
            ActivityPhoto.objects.create(
                activity=activity, image=f"{number}-{photo}.jpg", thumbnail=f"{number}-{photo}t.jpg"
            )
    assert started_report.activities.count() == 20
    return started_report


# Measured with 20 activities: 17 queries for the task list, 16 for a section with rows,
# 17 for the activities list, 18 for the check page, 17 for a submitted report's task list;
# the same with one activity. A query per activity, photo or row would break the budget.
@pytest.mark.parametrize(
    ("url", "budget"),
    [
        (URL, 19),
        (section_url("assessment"), 18),
        (section_url("activities"), 19),
        (CHECK_URL, 20),
    ],
)
def test_the_pages_stay_within_their_query_budget(
    logged_in, busy_report, django_assert_max_num_queries, url, budget
):
    with django_assert_max_num_queries(budget):
        response = logged_in.get(url)
    assert response.status_code == 200


def test_a_submitted_reports_answers_stay_within_the_query_budget(
    logged_in, reporter_a, busy_report, django_assert_max_num_queries
):
    report_transition(report=busy_report, to=Status.SUBMITTED, user=reporter_a)
    with django_assert_max_num_queries(19):
        response = logged_in.get(URL)
    page = html(response)
    assert "提出済みの報告です。" in page and "活動19" in page
