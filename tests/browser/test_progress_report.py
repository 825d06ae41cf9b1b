"""The 進捗状況報告書 prints on A4 with each policy starting a page, and nothing else."""

import re

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_report_prints_on_a4_one_policy_per_run_of_pages(page, site):
    page.goto(site.url + "/reports/2025/")
    page.emulate_media(media="print")
    assert page.locator(".site-header").is_hidden()
    assert page.locator(".report-toc").is_hidden()
    assert page.locator("#policy-2").evaluate("e => getComputedStyle(e).breakBefore") == "page"
    project = page.locator(".report-project").first
    assert project.evaluate("e => getComputedStyle(e).breakInside") == "avoid"

    pdf = page.pdf(prefer_css_page_size=True)
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert pages >= 6  # cover and summary, three policies, bodies, centres
    size = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    width, height = float(size.group(1)), float(size.group(2))
    assert (round(width), round(height)) == (595, 842)  # A4 in points


# The width of an A4 page inside the report's margins (210 mm − 2 × 12 mm) in CSS pixels.
A4_CONTENT_WIDTH = round((210 - 2 * 12) / 25.4 * 96)


def test_the_printed_report_uses_the_page_width_and_keeps_its_labels_whole(page, site):
    page.set_viewport_size({"width": A4_CONTENT_WIDTH, "height": 1000})
    page.goto(site.url + "/reports/2025/")
    page.emulate_media(media="print")
    page_width = page.evaluate("document.documentElement.clientWidth")
    assert page.locator("main").evaluate("e => e.getBoundingClientRect().width") == page_width

    label = page.locator(".report-project dt").first
    assert label.inner_text() == "計画上の実施区分"
    assert label.evaluate("e => getComputedStyle(e).wordBreak") == "keep-all"
    lines = label.evaluate(
        """e => {
          const range = document.createRange();
          range.selectNodeContents(e);
          return new Set(Array.from(range.getClientRects(), r => Math.round(r.top))).size;
        }"""
    )
    assert lines == 1
