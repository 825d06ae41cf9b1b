"""axe-core in Chromium finds no serious or critical problem on the public pages."""

import pytest

from .conftest import axe_problems

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = [
    "/",
    "/plan/",
    "/plan/policies/2/",
    "/plan/projects/11/",
    "/indicators/",
    "/indicators/0-1/",
    "/bodies/",
    "/bodies/真柴まちづくり協議会/",
    "/centers/",
    "/centers/興田市民センター/",
    "/about/",
    "/open-data/",
    "/portal/login/",
    "/en/",
]


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
