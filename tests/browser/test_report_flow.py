"""A body files its report in a real browser; staff return it, then accept it."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from core.staff_groups import EDITOR_GROUP
from councils.models import AnnualReport, BodyReporter, CollaborationBody, ReportingPeriod

from ..councils.conftest import jpeg_bytes
from .conftest import axe_problems

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "correct horse battery"
YEAR = 2025


@pytest.fixture
def people(site, django_user_model):
    today = timezone.localdate()
    ReportingPeriod.objects.create(
        fiscal_year=YEAR,
        opens_on=today - datetime.timedelta(days=5),
        due_on=today + datetime.timedelta(days=30),
    )
    reporter = django_user_model.objects.create_user("mashiba", "m@example.jp", PASSWORD)
    BodyReporter.objects.create(
        user=reporter, body=CollaborationBody.objects.get(name="真柴まちづくり協議会")
    )
    editor = django_user_model.objects.create_user(
        "editor", "e@example.jp", PASSWORD, is_staff=True
    )
    editor.groups.add(Group.objects.get(name=EDITOR_GROUP))
    return reporter, editor


def log_in(page, url, username):
    page.goto(url + "/portal/login/")
    page.get_by_label("ユーザー名").fill(username)
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()


def log_out(page):
    page.context.clear_cookies()


def test_a_body_files_revises_and_gets_its_report_accepted(page, site, people, tmp_path):
    photo = tmp_path / "natsumatsuri.jpg"
    photo.write_bytes(jpeg_bytes(size=(1200, 800)))
    url = site.url

    log_in(page, url, "mashiba")
    page.get_by_role("link", name="令和7年度（2025年度）の報告").click()
    assert axe_problems(page) == []

    # Section 1: overall and one role; save as a draft with partial content.
    page.locator("input[name='report-overall_level'][value='概ね進んでいる']").check()
    page.get_by_role("button", name="下書きを保存").click()
    assert page.get_by_text("下書きを保存しました。").is_visible()

    # Two activities, the first with a photo.
    page.locator("input[name='activities-0-held_on']").fill(f"{YEAR}-08-15")
    page.locator("input[name='activities-0-title']").fill("夏まつり")
    page.locator("select[name='activities-0-role']").select_option(index=2)
    page.locator("input[name='activities-0-photo_1']").set_input_files(str(photo))
    page.locator("input[name='activities-0-caption_1']").fill("やぐらを囲む盆踊り")
    page.get_by_role("button", name="下書きを保存").click()
    page.locator("input[name='activities-1-held_on']").fill(f"{YEAR}-11-03")
    page.locator("input[name='activities-1-title']").fill("防災訓練")
    page.locator("select[name='activities-1-role']").select_option(index=1)
    page.get_by_role("button", name="下書きを保存").click()

    # Come back later: what was typed is there.
    page.goto(url + f"/portal/reports/{YEAR}/")
    assert page.locator("input[name='activities-0-title']").input_value() == "夏まつり"
    assert page.locator("img.activity-thumb").count() == 1

    # Complete the rest and submit.
    for index in range(5):
        page.locator(f"input[name='roles-{index}-level'][value='進んでいる']").check()
    page.locator("input[name='centers-0-visits']").fill("12000")
    for index in range(6):
        page.locator(f"input[name='ratings-{index}-score'][value='4']").check()
    page.get_by_label("成果と課題").fill("若い世代の参加が増えた。")
    assert axe_problems(page) == []
    page.get_by_role("button", name="提出する").click()
    assert page.get_by_text("報告を提出しました。").is_visible()

    # Staff return one section.
    log_out(page)
    log_in(page, url, "editor")
    report = AnnualReport.objects.get(fiscal_year=YEAR)
    page.goto(url + "/portal/board/")
    assert axe_problems(page) == []
    page.goto(url + f"/portal/review/{report.pk}/")
    assert axe_problems(page) == []
    page.get_by_role("textbox", name="2. 活動実績").fill("防災訓練の参加者数を入れてください。")
    page.get_by_role("button", name="差し戻す").click()
    assert AnnualReport.objects.get(pk=report.pk).status == "差戻し"

    # The body sees the request, revises and resubmits.
    log_out(page)
    log_in(page, url, "mashiba")
    page.goto(url + "/portal/")
    assert page.get_by_text("防災訓練の参加者数を入れてください。").is_visible()
    assert axe_problems(page) == []
    page.goto(url + f"/portal/reports/{YEAR}/")
    assert page.get_by_text("防災訓練の参加者数を入れてください。").is_visible()
    page.locator("input[name='activities-1-participants']").fill("85")
    page.get_by_role("button", name="提出する").click()
    assert AnnualReport.objects.get(pk=report.pk).status == "提出済"

    # Staff see what changed and accept.
    log_out(page)
    log_in(page, url, "editor")
    page.goto(url + f"/portal/review/{report.pk}/")
    assert page.get_by_text("前回の差戻しから変更された項目").is_visible()
    page.get_by_role("button", name="受理する").click()
    assert AnnualReport.objects.get(pk=report.pk).status == "受理"

    # Citizens see the activities and the photo on the body's page.
    log_out(page)
    page.goto(url + report.body.get_absolute_url())
    assert page.get_by_text("夏まつり").is_visible()
    assert page.get_by_text("防災訓練").is_visible()
    image = page.get_by_alt_text("やぐらを囲む盆踊り")
    image.scroll_into_view_if_needed()
    image.wait_for(state="visible")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
