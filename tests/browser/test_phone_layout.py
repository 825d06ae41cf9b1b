"""The public pages on a phone (320–414 px) and on a desktop screen (1280 px).

Geometry only, never glyphs: the machine running the tests may have no Japanese font.
"""

import io
import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 900}
EXTRA_PAGES = [
    "/",
    "/plan/",
    "/indicators/",
    "/bodies/",
    "/bodies/survey/2024/",
    "/centers/",
    "/regions/",
    "/open-data/",
    "/search/?q=協働",
]
TABLE_PAGES = ["/", "/indicators/", "/plan/", "/plan/policies/1/", "/plan/policies/3/"]
SCROLL_HINT = "表は横にスクロールできます"


@pytest.fixture
def sample_site(site):
    """The live server with the plan and the sample figures, so every chart has bars and points."""
    call_command("load_sample_data", stdout=io.StringIO())
    return site


def public_paths(page, site) -> list[str]:
    xml = page.request.get(site.url + "/sitemap.xml").text()
    paths = [urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", xml)]
    reports = [path for path in paths if re.fullmatch(r"/reports/\d{4}/", path)]
    assert reports, "the sitemap lists at least one 進捗状況報告書"
    return list(dict.fromkeys(EXTRA_PAGES + paths))  # each page once


def page_overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth") - page.viewport_size["width"]


@pytest.mark.parametrize("width", [320, 375, 414, 1280])
def test_no_public_page_scrolls_sideways(page, sample_site, width):
    page.set_viewport_size({"width": width, "height": 800})
    too_wide = {}
    for path in public_paths(page, sample_site):
        page.goto(sample_site.url + path)
        overflow = page_overflow(page)
        if overflow > 0:
            too_wide[path] = overflow
    assert too_wide == {}


NAME_GEOMETRY = """
(root) => [...root.querySelectorAll("table a")].map((a) => {
  const box = a.getBoundingClientRect();
  return {
    text: a.textContent.trim(),
    width: box.width,
    height: box.height,
    em: parseFloat(getComputedStyle(a).fontSize),
    rowHeader: a.closest("th[scope=row]") !== null,
  };
})
"""


@pytest.mark.parametrize("path", TABLE_PAGES)
def test_names_in_the_tables_read_as_words_and_are_easy_to_tap(page, sample_site, path):
    page.set_viewport_size(PHONE)
    page.goto(sample_site.url + path)
    names = page.locator("main").evaluate(NAME_GEOMETRY)
    assert len(names) >= 3
    squeezed = [name["text"] for name in names if name["width"] < 4 * name["em"]]
    assert squeezed == []
    small_targets = [
        (name["text"], round(name["height"]))
        for name in names
        if name["rowHeader"] and name["height"] < 44
    ]
    assert small_targets == []


STACKED_CELLS = """
(table) => [...table.querySelectorAll("tbody td")].map((td) => ({
  display: getComputedStyle(td).display,
  label: td.dataset.label || "",
  shown: getComputedStyle(td, "::before").content,
  status: td.querySelector(".status-badge") !== null,
}))
"""


@pytest.mark.parametrize("path", ["/", "/indicators/", "/plan/policies/2/"])
def test_indicator_tables_become_cards_that_name_every_value(page, sample_site, path):
    page.set_viewport_size(PHONE)
    page.goto(sample_site.url + path)
    table = page.locator("table:has(a[href^='/indicators/'])").first
    cells = table.evaluate(STACKED_CELLS)
    assert cells
    assert {cell["display"] for cell in cells} != {"table-cell"}  # laid out as cards
    # Every value is shown after its column's name; the status badge names itself.
    unnamed = [
        cell
        for cell in cells
        if not cell["status"] and (not cell["label"] or cell["shown"] in ("", "none", "normal"))
    ]
    assert unnamed == []
    # The status comes first in each card.
    first_row = table.locator("tbody tr").first
    status_top = first_row.locator(".status-badge").bounding_box()["y"]
    name_top = first_row.locator("th[scope=row] a").bounding_box()["y"]
    assert status_top < name_top
    assert table.locator("thead th").first.evaluate("th => th.getAttribute('scope')") == "col"


def plan_region(page):
    return page.get_by_role("region", name=re.compile("体系図"))


@pytest.mark.parametrize("path", ["/plan/", "/plan/policies/1/"])
def test_the_plan_table_scrolls_in_its_own_box_with_its_first_column_fixed(page, sample_site, path):
    page.set_viewport_size(PHONE)
    page.goto(sample_site.url + path)
    region = (
        plan_region(page)
        if path == "/plan/"
        else page.locator("[role=region]:has(table .phase-cell)")
    )
    assert region.get_attribute("tabindex") == "0"
    assert region.evaluate("r => r.getAttribute('aria-label') || r.getAttribute('aria-labelledby')")
    hint = page.get_by_text(SCROLL_HINT)
    assert hint.first.is_visible()
    assert page_overflow(page) <= 0
    scroll = region.evaluate("r => [r.scrollWidth, r.clientWidth]")
    assert scroll[0] > scroll[1]  # the table is wider than its box and scrolls inside it

    first_name = region.locator("tbody th[scope=row] a").first
    before = first_name.bounding_box()
    region.evaluate("r => { r.scrollLeft = r.scrollWidth; }")
    page.wait_for_timeout(50)
    after = first_name.bounding_box()
    box = region.bounding_box()
    assert after["x"] == pytest.approx(before["x"], abs=1)  # the first column stays put
    assert box["x"] - 1 <= after["x"] and after["x"] + after["width"] <= box["x"] + box["width"]
    last_year = region.locator("thead th.phase-cell").last.bounding_box()
    assert last_year["x"] + last_year["width"] <= box["x"] + box["width"] + 1


def test_the_plan_table_fits_a_desktop_screen_without_the_hint(page, sample_site):
    page.set_viewport_size(DESKTOP)
    page.goto(sample_site.url + "/plan/")
    assert plan_region(page).evaluate("r => r.scrollWidth <= r.clientWidth")
    assert page.get_by_text(SCROLL_HINT).first.is_hidden()


SVG_TEXT_SIZES = """
() => [...document.querySelectorAll("main svg text")]
  .filter((t) => t.getClientRects().length > 0)
  .map((t) => {
    const m = t.getScreenCTM();
    return {
      text: t.textContent.trim(),
      px: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b),
    };
  })
"""


def test_chart_labels_stay_at_least_12_pixels_on_a_phone(page, sample_site):
    page.set_viewport_size(PHONE)
    page.goto(sample_site.url + "/centers/")
    center = page.locator("main table a[href^='/centers/']").first.get_attribute("href")
    checked = 0
    too_small = {}
    for path in [
        "/indicators/0-1/",
        "/indicators/1-1/",
        center,
        "/bodies/survey/2024/",
        "/reports/2025/",
    ]:
        page.goto(sample_site.url + path)
        labels = page.evaluate(SVG_TEXT_SIZES)
        checked += len(labels)
        small = [(label["text"], round(label["px"], 1)) for label in labels if label["px"] < 12]
        if small:
            too_small[path] = small
        assert page_overflow(page) <= 0, path
    assert checked >= 20
    assert too_small == {}


def test_the_english_plan_table_is_not_cut_off_on_a_desktop_screen(page, sample_site):
    page.set_viewport_size(DESKTOP)
    page.goto(sample_site.url + "/en/plan/")
    table = page.locator("main table").first
    table.wait_for()
    state = table.evaluate(
        """(t) => {
          const box = t.parentElement;
          const style = getComputedStyle(box);
          return {
            fits: box.scrollWidth <= box.clientWidth,
            scrolls: ["auto", "scroll"].includes(style.overflowX)
              && box.getAttribute("role") === "region" && box.tabIndex === 0,
            clipped: [...t.querySelectorAll("th, td")].some(
              (cell) => getComputedStyle(cell).overflow === "hidden"
                && cell.scrollWidth > cell.clientWidth + 1
            ),
          };
        }"""
    )
    assert state["fits"] or state["scrolls"]
    assert not state["clipped"]
    assert page_overflow(page) <= 0
