"""Every public page, in Japanese and in English, rendered on the full sample data.

No template syntax reaches the reader (a ``{# … #}`` comment spread over two lines is printed
as text: Django's ``{# #}`` is single-line only), and the headings make an outline without
gaps: exactly one ``<h1>``, and no level skipped on the way down.

The pages are those of the sitemap plus the public pages it leaves out, so a page added to
the sitemap is checked without touching this file.
"""

import io
import re
from html.parser import HTMLParser
from itertools import pairwise
from urllib.parse import unquote, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings

from core.staff_groups import EDITOR_GROUP
from councils.models import AnnualReport
from councils.services import report_transition

# The pages are rendered once, by the module's fixture; the mark has the test database made.
pytestmark = pytest.mark.django_db

# Public pages the sitemap does not list: search is kept out of it. public_paths() also adds
# the survey of each year of the sitemap's reports, including years no report was accepted in.
PAGES_OUTSIDE_THE_SITEMAP = ["/search/?q=協働"]
LANGUAGE_PREFIXES = {"ja": "", "en": "/en"}

# Django's template tags, variables and comments. No page embeds JSON or CSS whose braces
# could meet (the portal has no inline <script> or <style>), so each pair is a leak.
TEMPLATE_SYNTAX = re.compile(r"\{#|#\}|\{%|%\}|\{\{|\}\}")


def without_language_prefix(path: str) -> str:
    for prefix in filter(None, LANGUAGE_PREFIXES.values()):
        if path.startswith(prefix + "/"):
            return path.removeprefix(prefix)
    return path


def sitemap_paths(client) -> list[str]:
    """The sitemap's pages, each once, without the prefix of the language it is listed in."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = re.findall(r"<loc>([^<]+)</loc>", response.content.decode())
    return [without_language_prefix(unquote(urlsplit(location).path)) for location in locations]


def public_paths(client) -> list[str]:
    paths = sitemap_paths(client)
    report_years = [int(m[1]) for path in paths if (m := re.fullmatch(r"/reports/(\d+)/", path))]
    assert report_years, "the sitemap lists no /reports/<year>/ page"
    surveys = [f"/bodies/survey/{year}/" for year in report_years]
    return list(dict.fromkeys(paths + surveys + PAGES_OUTSIDE_THE_SITEMAP))


def accept_a_submitted_report():
    """The survey and the body pages show what an accepted report makes public."""
    editor = get_user_model().objects.create_user(username="render-editor", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITOR_GROUP))
    report = AnnualReport.objects.filter(status=AnnualReport.Status.SUBMITTED).first()
    assert report is not None, "the sample data has no submitted report to accept"
    report_transition(report=report, to=AnnualReport.Status.ACCEPTED, user=editor)


@pytest.fixture(scope="module")
def pages(django_db_setup, django_db_blocker, tmp_path_factory):
    """{(language, path): HTML} of every public page, rendered on the sample data.

    Rendered once for the module, inside a transaction that is rolled back, so the sample
    data never reaches the other tests; its photos go to a temporary folder.
    """
    client = Client()
    rendered = {}
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    with django_db_blocker.unblock(), media, transaction.atomic():
        call_command("load_sample_data", stdout=io.StringIO())
        accept_a_submitted_report()
        cache.clear()  # pages cached by earlier tests carry the same version
        paths = public_paths(client)
        for language, prefix in LANGUAGE_PREFIXES.items():
            for path in paths:
                response = client.get(prefix + path)
                assert response.status_code == 200, (language, path, response.status_code)
                assert f'<html lang="{language}">' in response.content.decode(), (language, path)
                rendered[language, path] = response.content.decode()
        transaction.set_rollback(True)
    cache.clear()
    return rendered


def test_it_renders_every_kind_of_public_page(pages):
    paths = {path for _language, path in pages}
    for expected in [
        "/",
        "/plan/",
        "/plan/policies/3/",
        "/plan/projects/18/",
        "/about/",
        "/accessibility/",
        "/indicators/",
        "/bodies/",
        "/bodies/survey/2025/",
        "/centers/",
        "/centers/真柴市民センター/",
        "/regions/",
        "/regions/一関/",
        "/open-data/",
        "/search/?q=協働",
        "/reports/",
        "/reports/2025/",
    ]:
        assert expected in paths
    assert sum(path.startswith("/indicators/") for path in paths) == 1 + 9
    assert sum(path.startswith("/bodies/") for path in paths) >= 1 + 33 + 1


@pytest.mark.parametrize("language", LANGUAGE_PREFIXES)
def test_it_prints_no_template_syntax(pages, language):
    leaks = {}
    for (page_language, path), html in pages.items():
        if page_language != language:
            continue
        found = [
            html[max(m.start() - 40, 0) : m.end() + 40] for m in TEMPLATE_SYNTAX.finditer(html)
        ]
        if found:
            leaks[path] = found
    assert leaks == {}


class _Headings(HTMLParser):
    def __init__(self):
        super().__init__()
        self.levels = []

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))


def heading_problems(html) -> list[str]:
    parser = _Headings()
    parser.feed(html)
    levels = parser.levels
    problems = []
    if levels.count(1) != 1:
        problems.append(f"{levels.count(1)} <h1>")
    if levels and levels[0] != 1:
        problems.append(f"starts at <h{levels[0]}>")
    problems += [
        f"<h{before}> → <h{after}>" for before, after in pairwise(levels) if after > before + 1
    ]
    return problems


def test_heading_problems_are_found():
    assert heading_problems("<h1>a</h1><h2>b</h2><h3>c</h3><h2>d</h2><h2>e</h2>") == []
    assert heading_problems("<h1>a</h1><h2>b</h2><h4>c</h4>") == ["<h2> → <h4>"]
    assert heading_problems("<h2>a</h2><h1>b</h1>") == ["starts at <h2>"]
    assert heading_problems("<h1>a</h1><h1>b</h1>") == ["2 <h1>"]


@pytest.mark.parametrize("language", LANGUAGE_PREFIXES)
def test_headings_never_skip_a_level(pages, language):
    problems = {}
    for (page_language, path), html in pages.items():
        if page_language == language and (found := heading_problems(html)):
            problems[path] = found
    assert problems == {}
