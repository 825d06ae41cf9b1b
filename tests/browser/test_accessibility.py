"""axe-core in Chromium finds no serious or critical problem on the public pages."""

import pytest

from plans.accessibility import CHECKED_PAGES

from .conftest import axe_problems

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = [path for path, _label in CHECKED_PAGES]  # the list /accessibility/ publishes


def test_public_pages_have_no_serious_accessibility_problems(page, site):
    problems = {}
    for path in PAGES:
        page.goto(site.url + path)
        found = axe_problems(page)
        if found:
            problems[path] = found
    assert problems == {}


def test_pages_reflow_at_320_pixels_without_horizontal_scrolling(page, site):
    page.set_viewport_size({"width": 320, "height": 640})
    too_wide = []
    for path in PAGES:
        page.goto(site.url + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 1:
            too_wide.append((path, overflow))
    assert too_wide == []


def test_the_skip_link_is_the_first_stop_and_moves_to_the_content(page, site):
    page.goto(site.url + "/plan/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "本文へ移動"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_the_login_form_works_from_the_keyboard_and_shows_where_focus_is(page, site):
    page.goto(site.url + "/portal/login/")
    page.keyboard.press("Tab")  # skip link
    for _ in range(40):  # past the skip link, the menu and the language switch
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "username":
            break
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineWidth")
    assert outline == "4px"
    page.keyboard.type("nobody")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "password"
    page.keyboard.type("wrong password")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    alert = page.locator("[role=alert]")
    alert.wait_for(timeout=5000)
    assert "ユーザー名またはパスワードが正しくありません" in alert.inner_text()


def test_the_customised_admin_pages_have_no_serious_problems(page, site, django_user_model):
    from django.contrib.auth.models import Group

    from core.staff_groups import EDITOR_GROUP

    editor = django_user_model.objects.create_user(
        "a11y-editor", "e@example.jp", "correct horse battery", is_staff=True
    )
    editor.groups.add(Group.objects.get(name=EDITOR_GROUP))
    page.goto(site.url + "/admin/login/")
    page.get_by_label("ユーザー名").fill("a11y-editor")
    page.get_by_label("パスワード").fill("correct horse battery")
    page.get_by_role("button", name="ログイン").click()
    problems = {}
    for path in [
        "/admin/plans/projectyearstatus/",
        "/admin/plans/projectyearstatus/import/",
        "/admin/indicators/indicatorvalue/",
        "/admin/centers/civiccenter/",
    ]:
        page.goto(site.url + path)
        found = axe_problems(page)
        if found:
            problems[path] = found
    assert problems == {}
