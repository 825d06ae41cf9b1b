"""What staff see of a resubmitted report: each changed answer old → new, the requests of the
latest return apart from earlier ones, photos openable at full size."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.fiscal import wareki_date
from councils.changes import ADDED, CHANGED, REMOVED, Change, compare
from councils.models import Activity, ActivityPhoto, AnnualReport, ReportSnapshot, ReviewComment
from councils.photos import prepare_photo
from councils.services import changed_sections, report_changes, report_transition, snapshot

from .conftest import complete, photo_upload

Status = AnnualReport.Status


def base_snapshot():
    """A snapshot as councils.services.snapshot() makes it, activities without ids (the shape
    stored before activities carried their id)."""
    return {
        "assessment": {
            "overall": ["進んでいる", "順調です。"],
            "地域の課題の解決": ["進んでいる", ""],
        },
        "activities": [
            ["2025-08-15", "夏まつり", "地域の課題の解決", 300, "地区の夏まつりを開催した。", 1],
            ["2025-10-01", "防災訓練", "", 80, "", 0],
        ],
        "centers": {"真柴市民センター": [8750, ""]},
        "support": {"交付金": 4, "opinions": "特になし。"},
        "results": ["担い手が増えた。", ""],
        "consent": [True, True, False],
    }


def changed(data, **sections):
    return {**data, **sections}


def answers(sections, key):
    [section] = [s for s in sections if s.key == key]
    return section.answers


# The comparison alone.


def test_it_finds_nothing_between_equal_snapshots():
    assert compare(base_snapshot(), base_snapshot()) == []


def test_it_shows_a_centre_figure_old_to_new():
    old = base_snapshot()
    new = changed(old, centers={"真柴市民センター": [8690, ""]})
    [section] = compare(old, new)
    assert section.key == "centers" and section.label == "3. 市民センター"
    assert section.answers == [Change("利用者数", "8,750人", "8,690人", subject="真柴市民センター")]


def test_it_shows_levels_ratings_texts_and_consents():
    old = base_snapshot()
    new = changed(
        old,
        assessment={
            "overall": ["概ね進んでいる", "順調です。"],
            "地域の課題の解決": ["進んでいる", "話し合いの場が増えた。\n参加者も増えた。"],
        },
        support={"交付金": 3, "opinions": "特になし。"},
        results=["担い手が増えた。", "若い世代に声をかける。"],
        consent=[True, False, False],
    )
    sections = compare(old, new)
    assert [s.key for s in sections] == ["assessment", "support", "results", "consent"]
    assert answers(sections, "assessment") == [
        Change("全体の達成状況", "進んでいる", "概ね進んでいる"),
        Change(
            "所見",
            "—",
            "話し合いの場が増えた。\n参加者も増えた。",
            subject="地域の課題の解決",
            text=True,
        ),
    ]
    assert answers(sections, "support") == [Change("評価", "4", "3", subject="交付金")]
    assert answers(sections, "results") == [Change("次年度の取組", "—", "若い世代に声をかける。")]
    assert answers(sections, "consent") == [Change("写真の公開", "同意する", "同意しない")]


def test_a_long_text_is_kept_whole_on_both_sides():
    old = base_snapshot()
    before = "担い手が増えた。" * 10
    after = before + "課題は会場の確保。"
    new = changed(old, results=[after, ""])
    old = changed(old, results=[before, ""])
    assert answers(compare(old, new), "results") == [Change("成果と課題", before, after, text=True)]


def test_activities_without_ids_are_matched_by_their_date_and_name():
    old = base_snapshot()
    new = changed(
        old,
        activities=[
            # The summer festival had more participants and a second photo.
            ["2025-08-15", "夏まつり", "地域の課題の解決", 320, "地区の夏まつりを開催した。", 2],
            # The drill moved to another day, under the same name.
            ["2025-10-05", "防災訓練", "", 80, "", 0],
            # A new one.
            ["2025-12-01", "餅つき大会", "", 50, "", 0],
        ],
    )
    [section] = compare(old, new)
    assert section.key == "activities"
    festival, drill, added = section.activities
    assert (festival.kind, festival.name, festival.held_on) == (
        CHANGED,
        "夏まつり",
        "令和7年8月15日",
    )
    assert festival.fields == [Change("参加者数", "300人", "320人"), Change("写真", "1枚", "2枚")]
    assert drill.kind == CHANGED
    assert drill.fields == [Change("実施日", "令和7年10月1日", "令和7年10月5日")]
    assert added.kind == ADDED and added.name == "餅つき大会"
    assert added.fields == [
        Change("実施日", "—", "令和7年12月1日"),
        Change("活動名", "—", "餅つき大会"),
        Change("参加者数", "—", "50人"),
    ]


def test_a_removed_activity_is_listed_with_what_it_held():
    old = base_snapshot()
    new = changed(old, activities=old["activities"][:1])
    [section] = compare(old, new)
    [removed] = section.activities
    assert (removed.kind, removed.name) == (REMOVED, "防災訓練")
    assert Change("参加者数", "80人", "—") in removed.fields


def test_a_renamed_activity_without_ids_shows_as_removed_and_added():
    old = base_snapshot()
    renamed = ["2025-10-01", "総合防災訓練", "", 80, "", 0]
    new = changed(old, activities=[old["activities"][0], renamed])
    [section] = compare(old, new)
    assert [(a.kind, a.name) for a in section.activities] == [
        (ADDED, "総合防災訓練"),
        (REMOVED, "防災訓練"),
    ]


def test_activities_with_ids_are_matched_by_id_alone():
    old = changed(
        base_snapshot(),
        activities=[
            ["2025-08-15", "夏まつり", "", 300, "", 0, 11],
            ["2025-08-15", "夏まつり", "", 120, "", 0, 12],
        ],
    )
    new = changed(
        old,
        activities=[
            ["2025-08-16", "夏祭り（2日目）", "", 120, "", 0, 12],
            # Deleted and typed again: another activity, however alike.
            ["2025-08-15", "夏まつり", "", 300, "", 0, 13],
        ],
    )
    [section] = compare(old, new)
    second, again, gone = section.activities
    assert second.kind == CHANGED
    assert second.fields == [
        Change("実施日", "令和7年8月15日", "令和7年8月16日"),
        Change("活動名", "夏まつり", "夏祭り（2日目）"),
    ]
    assert (again.kind, gone.kind) == (ADDED, REMOVED)


def test_an_old_snapshot_without_ids_compares_with_a_new_one_that_has_them():
    old = base_snapshot()
    new = changed(old, activities=[[*row, pk] for pk, row in enumerate(old["activities"], 1)])
    assert compare(old, new) == []


def test_missing_or_malformed_parts_read_as_empty():
    new = base_snapshot()
    sections = compare({"centers": "?", "consent": [True]}, new)
    assert [s.key for s in sections] == [
        "assessment",
        "activities",
        "centers",
        "support",
        "results",
        "consent",
    ]
    assert answers(sections, "centers") == [
        Change("利用者数", "—", "8,750人", subject="真柴市民センター")
    ]
    assert answers(sections, "consent") == [
        Change("写真の公開", "—", "同意する"),
        Change("意見・要望の公開", "—", "同意しない"),
    ]


# The report, as the services keep it.


@pytest.fixture
def resubmitted(started_report, reporter_a, city_editor):
    """Submitted, returned for its centre figure, the figure and an activity revised, and
    submitted again."""
    complete(started_report, visits=8_750)
    report_transition(report=started_report, to=Status.SUBMITTED, user=reporter_a)
    report_transition(
        report=started_report,
        to=Status.RETURNED,
        user=city_editor,
        comments={"centers": "利用者数を確認してください。"},
    )
    started_report.center_reports.update(visits=8_690)
    started_report.activities.update(participants=320)
    report_transition(report=started_report, to=Status.SUBMITTED, user=reporter_a)
    return started_report


@pytest.mark.django_db
def test_new_snapshots_carry_each_activity_id(started_report):
    complete(started_report)
    activity = started_report.activities.get()
    assert snapshot(started_report)["activities"][0][6] == activity.pk


@pytest.mark.django_db
def test_changed_sections_reads_a_snapshot_stored_without_ids(resubmitted):
    returned = resubmitted.snapshots.filter(kind=ReportSnapshot.Kind.RETURNED).get()
    returned.data["activities"] = [row[:6] for row in returned.data["activities"]]
    returned.data["activities"][0][3] = 320  # as the body has it now
    returned.save()
    assert changed_sections(resubmitted) == ["3. 市民センター"]
    [centers] = report_changes(resubmitted)
    assert centers.answers[0].old == "8,750人"


@pytest.mark.django_db
def test_a_report_never_returned_has_no_changes(started_report, reporter_a):
    complete(started_report)
    report_transition(report=started_report, to=Status.SUBMITTED, user=reporter_a)
    assert report_changes(started_report) is None
    assert changed_sections(started_report) == []


# The review page.


def review(client, user, report):
    client.force_login(user)
    response = client.get(f"/portal/review/{report.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def text(html):
    """The page's text, tags dropped and whitespace squeezed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.django_db
def test_the_review_page_shows_each_changed_answer_old_to_new(client, city_editor, resubmitted):
    html = review(client, city_editor, resubmitted)
    center = resubmitted.center_reports.get().center.name
    assert f"{center} 利用者数：8,750人 → 8,690人" in html
    assert "「夏まつり」（令和7年8月15日）" in html
    assert "参加者数：300人 → 320人" in html
    assert 'href="#changes-centers"' in html and 'id="changes-centers"' in html


@pytest.mark.django_db
def test_the_review_page_shows_a_changed_text_whole_before_and_after(
    client, city_editor, resubmitted
):
    resubmitted.results_and_issues = "担い手が増えた。\n課題は会場の確保。"
    resubmitted.save()
    page = text(review(client, city_editor, resubmitted))
    assert "成果と課題 変更前 担い手が増えた。 変更後 担い手が増えた。 課題は会場の確保。" in page


@pytest.mark.django_db
def test_the_review_page_says_when_nothing_changed(client, city_editor, reporter_a, resubmitted):
    report_transition(
        report=resubmitted,
        to=Status.RETURNED,
        user=city_editor,
        comments={"results": "成果を数字で書いてください。"},
    )
    report_transition(report=resubmitted, to=Status.SUBMITTED, user=reporter_a)
    page = text(review(client, city_editor, resubmitted))
    assert "前回の差戻しから変更された項目はありません。" in page
    assert "5. 成果と課題・次年度の取組 （変更なし）" in page


@pytest.mark.django_db
def test_the_latest_requests_are_apart_from_earlier_ones(
    client, city_editor, reporter_a, resubmitted
):
    first = ReviewComment.objects.get(report=resubmitted)
    first.created_at -= datetime.timedelta(days=3)
    first.save()
    report_transition(
        report=resubmitted,
        to=Status.RETURNED,
        user=city_editor,
        comments={"results": "成果を数字で書いてください。"},
    )
    page = text(review(client, city_editor, resubmitted))
    today = timezone.localdate()
    latest, earlier = page.split("以前の差戻しのコメント（履歴）")
    assert "直近の差戻し（" in latest and "成果を数字で書いてください。" in latest
    assert "利用者数を確認してください。" not in latest
    assert (
        "利用者数を確認してください。" in earlier and "成果を数字で書いてください。" not in earlier
    )
    assert (
        f"{wareki_date(first.created_at)} 3. 市民センター：利用者数を確認してください。" in earlier
    )
    assert wareki_date(today) in latest

    # Once the body resubmits, those requests are still the ones staff check, each marked.
    report_transition(report=resubmitted, to=Status.SUBMITTED, user=reporter_a)
    page = text(review(client, city_editor, resubmitted))
    latest, earlier = page.split("以前の差戻しのコメント（履歴）")
    assert "5. 成果と課題・次年度の取組 （変更なし） 成果を数字で書いてください。" in latest
    assert "利用者数を確認してください。" in earlier


@pytest.mark.django_db
def test_an_accepted_report_lists_every_comment_as_history(client, city_editor, resubmitted):
    report_transition(report=resubmitted, to=Status.ACCEPTED, user=city_editor)
    page = text(review(client, city_editor, resubmitted))
    assert "直近の差戻し" not in page and "変更前" not in page
    assert "これまでの差戻しのコメント" in page and "利用者数を確認してください。" in page


@pytest.mark.django_db
def test_photos_open_at_full_size(client, city_editor, resubmitted):
    activity = Activity.objects.get(report=resubmitted)
    prepared = prepare_photo(photo_upload())
    photo = ActivityPhoto(activity=activity, caption="夏まつりの会場")
    photo.image.save(prepared.image.name, prepared.image, save=False)
    photo.thumbnail.save(prepared.thumbnail.name, prepared.thumbnail, save=False)
    photo.save()
    html = review(client, city_editor, resubmitted)
    link = re.search(rf'<a href="/portal/photos/{photo.pk}/full/">(.*?)</a>', html, re.S)
    assert link, "the thumbnail links to the photo at full size"
    assert f'src="/portal/photos/{photo.pk}/thumb/"' in link.group(1)
    assert 'alt="夏まつりの会場"' in link.group(1)
    assert "写真を原寸で開く" in link.group(1)
    full = client.get(f"/portal/photos/{photo.pk}/full/")
    assert full.status_code == 200 and full["Content-Type"] == "image/jpeg"
    with photo.image.open("rb") as image:
        assert b"".join(full) == image.read()


@pytest.mark.django_db
def test_a_snapshot_reads_the_activities_in_as_many_queries_however_many(started_report):
    complete(started_report)
    with CaptureQueriesContext(connection) as few:
        snapshot(started_report)
    role = started_report.role_assessments.first().role
    Activity.objects.bulk_create(
        Activity(
            report=started_report,
            held_on=datetime.date(2025, 9, day),
            title=f"会議{day}",
            role=role,
        )
        for day in range(1, 21)
    )
    with CaptureQueriesContext(connection) as many:
        data = snapshot(started_report)
    assert len(data["activities"]) == 21
    assert len(many) == len(few)
