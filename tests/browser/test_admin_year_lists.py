"""The yearly statuses' admin list reads on a 1280 px screen: every column in view."""

import os

import pytest
from django.contrib.auth.models import Group

from core.staff_groups import EDITOR_GROUP
from plans.models import Project, ProjectYearStatus
from plans.services import statuses_set_published

SCREENSHOTS = os.environ.get("SCREENSHOT_DIR")


@pytest.fixture
def editor_page(page, site, django_user_model):
    editor = django_user_model.objects.create_user(
        "list-editor", "e@example.jp", "correct horse battery", is_staff=True
    )
    editor.groups.add(Group.objects.get(name=EDITOR_GROUP))
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site.url + "/admin/login/")
    page.get_by_label("ユーザー名").fill("list-editor")
    page.get_by_label("パスワード").fill("correct horse battery")
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(site.url + "/admin/")
    page.editor = editor
    return page


def test_the_status_list_shows_every_column_at_1280_pixels(editor_page, site):
    statuses = [
        ProjectYearStatus.objects.create(project=project, fiscal_year=year, evaluation="B")
        for project in Project.objects.all()
        for year in (2024, 2025)
    ]
    statuses_set_published(statuses=statuses[::2], published=True, user=editor_page.editor)
    editor_page.goto(site.url + "/admin/plans/projectyearstatus/")
    if SCREENSHOTS:
        editor_page.screenshot(path=os.path.join(SCREENSHOTS, "status-list-1280.png"))
    box = editor_page.locator("#changelist-form .results")
    overflow = box.evaluate("el => el.scrollWidth - el.clientWidth")
    assert overflow <= 0
    for header in ["年度", "評価", "公開", "公開日時", "最終更新"]:
        cell = editor_page.locator("#result_list thead th").filter(has_text=header).first
        right = cell.bounding_box()["x"] + cell.bounding_box()["width"]
        assert right <= 1280, header
    # The grade is one letter wide, not 「A／計画／どおり」 broken over three lines.
    grade = editor_page.locator("#result_list td.field-evaluation_grade .evaluation-grade").first
    assert grade.bounding_box()["height"] < 24
    assert grade.get_attribute("title") == "B 概ね計画どおり"
