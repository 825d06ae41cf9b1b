"""A body files its report in a real browser, one section a page; staff return one section,
the body revises only that section, and staff accept.

The phone test never clicks: it reaches every field, button and link with Tab and works them
with the keys a keyboard user presses. Only choosing a photo goes through the file input's
API, as a keyboard test cannot drive the system's file chooser.
"""

import datetime
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from core.staff_groups import EDITOR_GROUP
from councils.models import (
    Activity,
    AnnualReport,
    BodyReporter,
    CollaborationBody,
    ReportingPeriod,
)
from councils.sections import SECTION_KEYS
from councils.services import report_start, report_transition

from ..councils.conftest import complete, jpeg_bytes
from .conftest import axe_problems

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "correct horse battery"
YEAR = 2025
REPORT = f"/portal/reports/{YEAR}/"
PHONE = {"width": 375, "height": 812}
NARROWEST = {"width": 320, "height": 800}

# What a finger taps on the report's pages: each radio button's or check box's row, every
# button (the form actions' among them), the task list's links and the 変更 links.
TAPPED = [
    ".form-check",
    ".form-actions .btn",
    "main .btn",
    ".task-list-name > a",
    ".answers-heading > a",
]
TARGETS = """
(selector) => [...document.querySelectorAll(selector)].map((element) => ({
  what: element.textContent.trim().slice(0, 40),
  height: element.getBoundingClientRect().height,
}))
"""


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


def path(page) -> str:
    return urlsplit(page.url).path


def log_in(page, url, username):
    page.goto(url + "/portal/login/")
    page.get_by_label("ユーザー名").fill(username)
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(lambda address: "/login/" not in address)


def log_out(page):
    page.context.clear_cookies()


# The keyboard alone.


def focused(page, selector) -> bool:
    return page.evaluate("(s) => document.activeElement?.matches(s) ?? false", selector)


def tab_to(page, selector, limit=200, backwards=False):
    """Press Tab (Shift+Tab with ``backwards``) until the focused element matches
    ``selector``."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        if focused(page, selector):
            return
    where = page.evaluate("document.activeElement?.outerHTML.slice(0, 160)")
    pytest.fail(f"{limit} presses of {key} never reached {selector}; focus is on {where}")


def type_into(page, name, text):
    tab_to(page, f"[name='{name}']")
    page.keyboard.type(text)


def choose(page, name, value):
    """Pick the radio button ``value`` of the group ``name``: Tab into the group, Space on a
    group with nothing chosen, then the arrow keys."""
    tab_to(page, f"input[type='radio'][name='{name}']")
    if not page.evaluate("document.activeElement.checked"):
        page.keyboard.press("Space")
    for _ in range(10):
        if page.evaluate("document.activeElement.value") == value:
            break
        page.keyboard.press("ArrowDown")
    assert page.locator(f"input[name='{name}'][value='{value}']").is_checked()


def type_date(page, name, date):
    """Type ``date`` into the date field ``name`` (focus anywhere before it). The field's
    parts come in the order of the browser's own language (month first in an English one),
    so try that order, then year first."""
    selector = f"input[name='{name}']"
    if not focused(page, selector):
        tab_to(page, selector)
    for order in ("%m%d%Y", "%Y%m%d"):
        page.keyboard.type(date.strftime(order))
        if page.locator(selector).input_value() == date.isoformat():
            return
        tab_to(page, f":not({selector})", limit=5, backwards=True)
        tab_to(page, selector, limit=1)
    pytest.fail(f"{selector} holds {page.locator(selector).input_value()!r}, not {date}")


class Walk:
    """The pages a user goes through: each step (a link followed or a form sent) counted,
    each page checked for accessibility, sideways scrolling and small targets, and its
    height noted."""

    def __init__(self, page):
        self.page = page
        self.steps = 0
        self.heights = {}
        self.targets = {}

    def follow(self, selector):
        """Tab to the link or button ``selector`` and press Enter on it."""
        tab_to(self.page, selector)
        self.press("Enter")

    def press(self, key):
        with self.page.expect_navigation():
            self.page.keyboard.press(key)
        self.steps += 1

    def look(self, name):
        page = self.page
        assert axe_problems(page) == [], name
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= page.viewport_size["width"], f"{name} scrolls sideways: {width}px"
        targets = page.evaluate(TARGETS, ", ".join(TAPPED))
        assert [t for t in targets if t["height"] < 44] == [], f"{name}: targets under 44 px"
        self.targets[name] = len(targets)
        self.heights[name] = page.evaluate("document.documentElement.scrollHeight")

    def report(self):
        print(f"\nSteps from the portal's home to the confirmation: {self.steps}")
        print(f"Page heights at {self.page.viewport_size['width']} px:")
        for name, height in self.heights.items():
            print(f"  {name}: {height} px ({self.targets[name]} targets measured)")
        print(f"  total: {sum(self.heights.values())} px")


def save_and_go_on(walk):
    walk.follow("button[name='then'][value='next']")


def test_a_volunteer_files_a_complete_report_on_a_phone_with_the_keyboard_alone(
    page, site, people, tmp_path
):
    photo = tmp_path / "natsumatsuri.jpg"
    photo.write_bytes(jpeg_bytes(size=(1200, 800)))
    page.set_viewport_size(PHONE)
    log_in(page, site.url, "mashiba")
    walk = Walk(page)

    walk.follow(f"a[href='{REPORT}']")
    states = [page.locator(f"#state-{key}").inner_text() for key in SECTION_KEYS]
    assert states == ["未入力"] * 6
    walk.look("task list")

    # 1. The assessment: the overall level, and each of the five roles.
    walk.follow(f"a[href='{REPORT}assessment/']")
    walk.look("1. assessment")
    assert walk.targets["1. assessment"] == 6 * 4 + 2  # six groups of four, two buttons
    choose(page, "report-overall_level", "概ね進んでいる")
    for index in range(5):
        choose(page, f"roles-{index}-level", "進んでいる")
        if index == 0:
            type_into(page, "roles-0-comment", "防災マップを全戸に配った。")
    save_and_go_on(walk)

    # 2. Two activities, the first with a photo.
    assert path(page) == f"{REPORT}activities/"
    walk.look("2. activities")
    walk.follow(f"a[href='{REPORT}activities/add/']")
    walk.look("activity form")
    type_date(page, "held_on", datetime.date(YEAR, 8, 15))
    type_into(page, "title", "夏まつり")
    tab_to(page, "select[name='role']")
    page.keyboard.press("ArrowDown")
    type_into(page, "participants", "300")
    type_into(page, "description", "地区の夏まつりを開催した。")
    page.locator("input[name='photo_1']").set_input_files(str(photo))
    type_into(page, "caption_1", "やぐらを囲む盆踊り")
    walk.follow("button[name='then'][value='another']")

    # The second one's date is in the year before: nothing is saved, and the error summary
    # takes focus and leads to the field.
    assert path(page) == f"{REPORT}activities/add/"
    type_date(page, "held_on", datetime.date(YEAR - 1, 11, 3))
    type_into(page, "title", "防災訓練")
    tab_to(page, "select[name='role']")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    type_into(page, "participants", "85")
    walk.follow("button[name='then'][value='list']")
    assert page.title().startswith("エラー：")
    assert focused(page, "div.error-summary")
    assert Activity.objects.filter(title="防災訓練").count() == 0
    walk.look("activity form with an error")
    page.keyboard.press("Tab")
    assert focused(page, ".error-summary-list a")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_held_on"
    type_date(page, "held_on", datetime.date(YEAR, 11, 3))
    walk.follow("button[name='then'][value='list']")

    assert path(page) == f"{REPORT}activities/"
    assert page.locator(".activity-row").count() == 2
    assert "写真1枚" in page.locator(".activity-row").nth(0).inner_text()
    walk.look("2. activities, two added")
    save_and_go_on(walk)

    # 3. Every centre's visits.
    assert path(page) == f"{REPORT}centers/"
    walk.look("3. centers")
    centers = page.locator("input[name$='-visits']").count()
    assert centers > 0
    for index in range(centers):
        type_into(page, f"centers-{index}-visits", "12000")
    save_and_go_on(walk)

    # 4. Each support measure rated, and an opinion.
    assert path(page) == f"{REPORT}support/"
    walk.look("4. support")
    measures = page.locator("input[name$='-score'][value='4']").count()
    assert measures > 0
    for index in range(measures):
        choose(page, f"ratings-{index}-score", "4")
    type_into(page, "report-opinions", "研修の回数を増やしてほしい。")
    save_and_go_on(walk)

    # 5. Results and next year.
    assert path(page) == f"{REPORT}results/"
    walk.look("5. results")
    type_into(page, "report-results_and_issues", "若い世代の参加が増えた。")
    type_into(page, "report-next_year_plan", "子ども向けの行事を始める。")
    save_and_go_on(walk)

    # 6. Consent: the opinions too, ticked with Space.
    assert path(page) == f"{REPORT}consent/"
    walk.look("6. consent")
    tab_to(page, "input[name='report-publish_opinions']")
    page.keyboard.press("Space")
    save_and_go_on(walk)

    # Check, agree and submit.
    assert path(page) == f"{REPORT}check/"
    assert page.locator("#missing").count() == 0
    walk.look("check")
    walk.follow("main form[method='post'] button[type='submit']")
    assert path(page) == f"{REPORT}submitted/"
    assert page.get_by_role("heading", level=1).inner_text() == "報告を提出しました"
    walk.look("confirmation")

    report = AnnualReport.objects.get(fiscal_year=YEAR)
    assert report.status == AnnualReport.Status.SUBMITTED
    assert report.overall_level == "概ね進んでいる"
    assert report.publish_opinions is True
    assert sorted(report.activities.values_list("title", "participants")) == [
        ("夏まつり", 300),
        ("防災訓練", 85),
    ]
    assert not report.activities.filter(role=None).exists()
    assert report.activities.get(title="夏まつり").photos.get().caption == "やぐらを囲む盆踊り"
    assert set(report.center_reports.values_list("visits", flat=True)) == {12000}
    walk.report()


def test_the_report_pages_do_not_scroll_sideways_at_320_px(page, site, people):
    reporter, _editor = people
    report = report_start(body=reporter.reporter.body, fiscal_year=YEAR, user=reporter)
    complete(report)
    activity = report.activities.get()
    page.set_viewport_size(NARROWEST)
    log_in(page, site.url, "mashiba")
    too_wide = {}
    for address in [
        REPORT,
        f"{REPORT}assessment/",
        f"{REPORT}support/",
        f"{REPORT}activities/{activity.pk}/",
        f"{REPORT}check/",
    ]:
        page.goto(site.url + address)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > NARROWEST["width"]:
            too_wide[address] = width
    assert too_wide == {}


def test_staff_return_one_section_and_the_body_revises_only_that_section(page, site, people):
    reporter, _editor = people
    report = report_start(body=reporter.reporter.body, fiscal_year=YEAR, user=reporter)
    complete(report)
    report_transition(report=report, to=AnnualReport.Status.SUBMITTED, user=reporter)
    url = site.url

    # Staff return the centres' section with a comment.
    log_in(page, url, "editor")
    page.goto(url + f"/portal/review/{report.pk}/")
    assert axe_problems(page) == []
    page.get_by_role("textbox", name="3. 市民センター").fill(
        "利用者数に体育館の利用を含めてください。"
    )
    page.get_by_role("button", name="差し戻す").click()
    page.wait_for_url(url + "/portal/board/")
    assert axe_problems(page) == []
    assert AnnualReport.objects.get(pk=report.pk).status == AnnualReport.Status.RETURNED

    # The body sees the request beside that section alone.
    log_out(page)
    log_in(page, url, "mashiba")
    page.goto(url + REPORT)
    assert axe_problems(page) == []
    requests = page.locator(".task-request")
    assert requests.count() == 1
    item = page.locator(".task-list-item").filter(has=requests)
    assert item.get_by_role("link").inner_text() == "3. 市民センター"
    assert "利用者数に体育館の利用を含めてください。" in requests.inner_text()

    # It revises the visits, goes back to the list, and submits again from the check page.
    item.get_by_role("link", name="3. 市民センター").click()
    assert page.get_by_text("利用者数に体育館の利用を含めてください。").is_visible()
    assert axe_problems(page) == []
    page.locator("input[name='centers-0-visits']").fill("13500")
    page.get_by_role("button", name="保存して一覧に戻る").click()
    page.wait_for_url(url + REPORT)
    page.get_by_role("link", name="確認して提出").click()
    assert axe_problems(page) == []
    page.get_by_role("button", name="同意して提出する").click()
    page.wait_for_url(url + f"{REPORT}submitted/")
    assert axe_problems(page) == []
    assert AnnualReport.objects.get(pk=report.pk).status == AnnualReport.Status.SUBMITTED

    # Staff see that only the centres changed, and accept.
    log_out(page)
    log_in(page, url, "editor")
    page.goto(url + f"/portal/review/{report.pk}/")
    changed = page.locator("[role=note]").filter(has_text="前回の差戻しから変更された項目")
    assert changed.inner_text() == "前回の差戻しから変更された項目：3. 市民センター"
    assert axe_problems(page) == []
    page.get_by_role("button", name="受理する").click()
    page.wait_for_url(url + "/portal/board/")
    assert AnnualReport.objects.get(pk=report.pk).status == AnnualReport.Status.ACCEPTED
