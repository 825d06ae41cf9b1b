"""The body portal in the browser's terms: who reaches what, forms, photos, public pages."""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from councils.models import ActivityPhoto, AnnualReport
from councils.services import report_transition

from .conftest import YEAR, complete, jpeg_bytes, photo_upload
from .conftest import form_data as _form_data

pytestmark = pytest.mark.django_db
Status = AnnualReport.Status


@pytest.fixture
def submitted(started_report, reporter_a):
    complete(started_report)
    activity = started_report.activities.first()
    from councils.forms import ActivityForm

    form = ActivityForm(
        data={"held_on": "2025-08-15", "title": "夏まつり", "role": activity.role_id},
        files={"photo_1": photo_upload()},
        instance=activity,
    )
    assert form.is_valid(), form.errors
    form.save()
    report_transition(report=started_report, to=Status.SUBMITTED, user=reporter_a)
    return started_report


def _login(client, user):
    if user is not None:
        client.force_login(user)
    return client


ROLES = ["anonymous", "body_a", "body_b", "viewer", "editor"]


@pytest.fixture
def users(reporter_a, reporter_b, city_viewer, city_editor):
    return {
        "anonymous": None,
        "body_a": reporter_a,
        "body_b": reporter_b,
        "viewer": city_viewer,
        "editor": city_editor,
    }


REPORT = f"/portal/reports/{YEAR}/"
TO_TASK_LIST = "task list"  # a redirect to the body's own task list


def urls_for(report):
    photo = ActivityPhoto.objects.get(activity__report=report)
    activity = photo.activity
    return {
        "portal": "/portal/",
        "report": REPORT,
        "section": f"{REPORT}assessment/",
        "activities": f"{REPORT}activities/",
        "activity_add": f"{REPORT}activities/add/",
        "activity_edit": f"{REPORT}activities/{activity.pk}/",
        "activity_delete": f"{REPORT}activities/{activity.pk}/delete/",
        "check": f"{REPORT}check/",
        "submitted": f"{REPORT}submitted/",
        "board": "/portal/board/",
        "summary": f"/portal/board/{YEAR}/",
        "review": f"/portal/review/{report.pk}/",
        "photo": f"/portal/photos/{photo.pk}/thumb/",
        "public_photo": f"/bodies/photos/{photo.pk}/thumb/",
    }


# url × (anonymous, body A, body B, city viewer, city editor). Body A has submitted its report
# (the pages for changing it send it back to its task list); body B's is a draft.
MATRIX = {
    "portal": [302, 200, 200, 302, 302],
    "report": [302, 200, 200, 403, 403],
    "section": [302, TO_TASK_LIST, 200, 403, 403],
    "activities": [302, TO_TASK_LIST, 200, 403, 403],
    "activity_add": [302, TO_TASK_LIST, 200, 403, 403],
    "activity_edit": [302, TO_TASK_LIST, 404, 403, 403],
    "activity_delete": [302, TO_TASK_LIST, 404, 403, 403],
    "check": [302, TO_TASK_LIST, TO_TASK_LIST, 403, 403],  # B has not started its report
    "submitted": [302, 200, 404, 403, 403],
    "board": [302, 403, 403, 200, 200],
    "summary": [302, 403, 403, 200, 200],
    "review": [302, 403, 403, 200, 200],
    "photo": [404, 200, 404, 200, 200],
    "public_photo": [404, 404, 404, 404, 404],
}


def _answer(response):
    if response.status_code == 302 and response["Location"] == REPORT:
        return TO_TASK_LIST
    return response.status_code


@pytest.mark.parametrize("name", MATRIX)
def test_the_permission_matrix(client, users, submitted, name):
    url = urls_for(submitted)[name]
    for role, expected in zip(ROLES, MATRIX[name], strict=True):
        client.logout()
        response = _login(client, users[role]).get(url)
        assert _answer(response) == expected, (name, role, response.status_code)


@pytest.mark.parametrize("name", ["section", "activity_add", "activity_edit", "check"])
def test_staff_cannot_post_to_a_bodys_report_pages(client, users, submitted, name):
    url = urls_for(submitted)[name]
    for role in ("viewer", "editor"):
        client.force_login(users[role])
        assert client.post(url, {"report-overall_comment": "改ざん"}).status_code == 403
    submitted.refresh_from_db()
    assert submitted.overall_comment == "" and submitted.status == Status.SUBMITTED


def test_body_b_never_sees_body_as_answers(client, reporter_b, submitted):
    AnnualReport.objects.filter(pk=submitted.pk).update(overall_comment="真柴の全体の評価")
    client.force_login(reporter_b)
    html = client.get(REPORT).content.decode()
    assert "興田地区振興会" in html
    pages = [REPORT, f"{REPORT}check/"] + [
        f"{REPORT}{section}/"
        for section in ("assessment", "activities", "centers", "support", "results", "consent")
    ]
    for url in pages:
        html = client.get(url).content.decode()
        for answer in ("夏まつり", "担い手が増えた", "真柴の全体の評価", "12,000", "12000"):
            assert answer not in html, (url, answer)


def test_a_draft_saves_with_partial_content(client, reporter_a, period):
    client.force_login(reporter_a)
    page = client.get(f"{REPORT}results/")
    assert page.status_code == 200
    data = _form_data(page, {"report-next_year_plan": "来年も続ける。", "then": "list"})
    response = client.post(f"{REPORT}results/", data, follow=True)
    report = AnnualReport.objects.get(body=reporter_a.reporter.body, fiscal_year=YEAR)
    assert response.redirect_chain == [(REPORT, 302)]
    html = response.content.decode()
    assert "「5. 成果と課題・次年度の取組」を保存しました。" in html
    assert (
        '<span id="state-results" class="task-state task-state-in-progress">入力中</span>' in html
    )
    report.refresh_from_db()
    assert report.next_year_plan == "来年も続ける。" and report.results_and_issues == ""
    assert report.status == Status.DRAFT


def test_the_check_page_lists_what_is_missing_and_keeps_the_draft(client, reporter_a, period):
    client.force_login(reporter_a)
    page = client.get(f"{REPORT}results/")
    data = _form_data(page, {"report-next_year_plan": "来年も続ける。", "then": "next"})
    response = client.post(f"{REPORT}results/", data)
    assert response["Location"] == f"{REPORT}consent/"
    html = client.get(f"{REPORT}check/").content.decode()
    assert "提出するには、次の項目の入力が必要です" in html
    assert "5. 成果と課題を入力してください。" in html
    assert "2. 活動実績を1件以上入力してください。" in html
    assert "同意して提出する" not in html
    report = AnnualReport.objects.get(body=reporter_a.reporter.body, fiscal_year=YEAR)
    assert report.next_year_plan == "来年も続ける。" and report.status == Status.DRAFT


def test_a_submitted_report_is_read_only_for_the_body(client, reporter_a, submitted):
    client.force_login(reporter_a)
    html = client.get(REPORT).content.decode()
    assert "提出済みの報告です。" in html
    assert "<form" not in html.split("<main", 1)[1] and f'href="{REPORT}assessment/"' not in html
    assert "夏まつり" in html and "担い手が増えた。" in html  # the answers, read only
    activity = submitted.activities.get()
    before = AnnualReport.objects.filter(pk=submitted.pk).values().get()
    posts = {
        f"{REPORT}results/": {"report-results_and_issues": "改ざん", "then": "list"},
        f"{REPORT}activities/": {"then": "list"},
        f"{REPORT}activities/add/": {"held_on": "2025-09-01", "title": "改ざん", "then": "list"},
        f"{REPORT}activities/{activity.pk}/": {"held_on": "2025-09-01", "title": "改ざん"},
        f"{REPORT}activities/{activity.pk}/delete/": {},
        f"{REPORT}check/": {},
    }
    for url, data in posts.items():
        response = client.get(url, follow=True)
        assert response.redirect_chain == [(REPORT, 302)], url
        if not url.endswith("/check/"):
            assert "この報告は現在編集できません。" in response.content.decode(), url
        response = client.post(url, data, follow=True)
        assert response.redirect_chain == [(REPORT, 302)], url
        assert "提出済みの報告です。" in response.content.decode()
    assert AnnualReport.objects.filter(pk=submitted.pk).values().get() == before
    assert list(submitted.activities.all()) == [activity]
    activity.refresh_from_db()
    assert activity.title == "夏まつり" and activity.photos.count() == 1


def test_staff_return_a_section_from_the_review_page(client, city_editor, submitted):
    client.force_login(city_editor)
    response = client.post(
        f"/portal/review/{submitted.pk}/",
        {"action": "return", "activities": "写真の説明を書いてください。"},
        follow=True,
    )
    assert "差戻し" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Status.RETURNED
    assert submitted.review_comments.get().section == "activities"


def test_a_viewer_cannot_post_a_decision(client, city_viewer, submitted):
    client.force_login(city_viewer)
    response = client.post(f"/portal/review/{submitted.pk}/", {"action": "accept"})
    assert response.status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_the_board_shows_states_and_the_response_rate(client, city_viewer, submitted):
    client.force_login(city_viewer)
    html = client.get("/portal/board/").content.decode()
    assert "回答 1／13団体（8%）" in html
    assert f'href="/portal/review/{submitted.pk}/"' in html


def test_photos_are_stripped_resized_and_thumbnailed(submitted):
    photo = ActivityPhoto.objects.get(activity__report=submitted)
    with Image.open(photo.image.path) as image:
        assert max(image.size) == 2000
        assert not image.getexif()
    with Image.open(photo.thumbnail.path) as thumbnail:
        assert max(thumbnail.size) == 400


def test_gps_exif_is_removed(started_report):
    from councils.photos import prepare_photo

    prepared = prepare_photo(photo_upload(data=jpeg_bytes(size=(800, 600), exif_gps=True)))
    with Image.open(io.BytesIO(prepared.image.read())) as image:
        assert 0x8825 not in image.getexif()
        assert image.size == (800, 600)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            photo_upload("写真.jpg", b"<html><script>alert(1)</script></html>"),
            "写真として読み取れません",
        ),
        (photo_upload("写真.gif", None), None),
    ],
)
def test_uploads_that_are_not_photos_are_refused(started_report, upload, message):
    from councils.forms import ActivityForm

    if message is None:
        buffer = io.BytesIO()
        Image.new("RGB", (10, 10)).save(buffer, format="GIF")
        upload = photo_upload("写真.gif", buffer.getvalue())
        message = "写真として読み取れません"
    form = ActivityForm(data={"title": "x"}, files={"photo_1": upload})
    assert not form.is_valid()
    assert message in str(form.errors["photo_1"])


def test_a_decompression_bomb_is_refused():
    from django.core.exceptions import ValidationError

    from councils.photos import prepare_photo

    buffer = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(buffer, format="PNG")
    with pytest.raises(ValidationError, match="画素数が多すぎます"):
        prepare_photo(photo_upload("bomb.png", buffer.getvalue()))


def test_a_photo_over_ten_megabytes_is_refused():
    from django.core.exceptions import ValidationError

    from councils.photos import prepare_photo

    big = photo_upload("big.jpg", b"\xff\xd8" + b"0" * (10 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="10MBまで"):
        prepare_photo(big)


def test_the_public_sees_accepted_activities_and_photos_only_with_consent(
    client, city_editor, submitted, django_capture_on_commit_callbacks
):
    body_url = submitted.body.get_absolute_url()
    assert "夏まつり" not in client.get(body_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the cached pages follow the commit
        report_transition(report=submitted, to=Status.ACCEPTED, user=city_editor)
    html = client.get(body_url).content.decode()
    assert "夏まつり" in html
    photo = ActivityPhoto.objects.get(activity__report=submitted)
    response = client.get(f"/bodies/photos/{photo.pk}/thumb/")
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    submitted.refresh_from_db()
    submitted.publish_photos = False
    with django_capture_on_commit_callbacks(execute=True):
        submitted.save()
    assert client.get(f"/bodies/photos/{photo.pk}/thumb/").status_code == 404
    assert f"/bodies/photos/{photo.pk}/" not in client.get(body_url).content.decode()


def test_the_public_survey_shows_accepted_reports_and_agreed_opinions(
    client, city_editor, submitted, django_capture_on_commit_callbacks
):
    AnnualReport.objects.filter(pk=submitted.pk).update(opinions="交付金の算定を見直してほしい。")
    html = client.get(f"/bodies/survey/{YEAR}/").content.decode()
    assert "回答：0／13団体（0%）" in html
    with django_capture_on_commit_callbacks(execute=True):  # the cached pages follow the commit
        report_transition(report=submitted, to=Status.ACCEPTED, user=city_editor)
    html = client.get(f"/bodies/survey/{YEAR}/").content.decode()
    assert "回答：1／13団体（8%）" in html
    assert "回答が5団体未満のため非公開" in html  # one body's answers are not published
    assert "交付金の算定を見直してほしい。" not in html  # no consent to publish opinions
    submitted.refresh_from_db()
    submitted.publish_opinions = True
    with django_capture_on_commit_callbacks(execute=True):
        submitted.save()
    assert (
        "交付金の算定を見直してほしい。" in client.get(f"/bodies/survey/{YEAR}/").content.decode()
    )


def test_repeated_failed_logins_lock_the_account(client, reporter_a):
    for _ in range(5):
        client.post(reverse("councils:login"), {"username": "mashiba", "password": "wrong"})
    response = client.post(
        reverse("councils:login"), {"username": "mashiba", "password": "correct horse battery"}
    )
    assert "ログインが一時的に制限されています" in response.content.decode()


def test_a_reporter_logs_in_with_their_password(client, reporter_a):
    response = client.post(
        reverse("councils:login"),
        {"username": "mashiba", "password": "correct horse battery"},
    )
    assert response.status_code == 302 and response["Location"] == "/portal/"


def test_reminders_go_to_bodies_that_have_not_submitted(period, reporter_a, reporter_b, submitted):
    import datetime

    from django.utils import timezone

    period.due_on = timezone.localdate() + datetime.timedelta(days=7)
    period.save()
    mail.outbox.clear()
    call_command("send_report_reminders", stdout=io.StringIO())
    recipients = [address for message in mail.outbox for address in message.to]
    assert recipients == ["okita@example.jp"]  # 真柴 has submitted
    assert "提出期限が近づいています" in mail.outbox[0].subject
    period.due_on = timezone.localdate() - datetime.timedelta(days=1)
    period.save()
    mail.outbox.clear()
    call_command("send_report_reminders", stdout=io.StringIO())
    assert "提出期限を過ぎています" in mail.outbox[0].subject


def test_create_body_reporter_prints_a_one_time_password(db, django_capture_on_commit_callbacks):
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "create_body_reporter", "藤沢町住民自治協議会", "fujisawa", "f@example.jp", stdout=out
        )
    assert "初期パスワード（一度だけ表示します）" in out.getvalue()
    assert mail.outbox[-1].to == ["f@example.jp"]
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="fujisawa")
    assert user.reporter.body.name == "藤沢町住民自治協議会"
