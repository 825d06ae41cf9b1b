"""Guards every public HTML page keeps: it answers, has one <h1>, and says its language."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

PUBLIC_PAGES = [
    "/",
    "/plan/",
    "/plan/policies/1/",
    "/plan/policies/2/",
    "/plan/policies/3/",
    "/plan/projects/1/",
    "/plan/projects/18/",
    "/about/",
    "/accessibility/",
    "/search/?q=協働",
    "/reports/",
    "/reports/2025/",
    "/indicators/",
    "/indicators/0-1/",
    "/indicators/1-3/",
    "/bodies/",
    "/bodies/真柴まちづくり協議会/",
    "/centers/",
    "/centers/真柴市民センター/",
    "/regions/",
    "/regions/一関/",
    "/bodies/survey/2024/",
    "/portal/login/",
    "/portal/password/reset/",
    "/open-data/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_it_serves_each_public_page_in_japanese_with_one_h1(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert '<html lang="ja">' in html
    assert 'href="#main"' in html  # skip link
    assert "<main" in html


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_it_serves_each_public_page_in_english_under_en(client, url):
    response = client.get("/en" + url)
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


class _LoadedResources(HTMLParser):
    """Collects the URLs a browser fetches on its own: sources, stylesheets, icons."""

    LOADED_LINKS = {"stylesheet", "icon", "preload", "modulepreload", "manifest"}

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("src"):
            self.urls.append(attrs["src"])
        if attrs.get("srcset"):
            self.urls.extend(part.split()[0] for part in attrs["srcset"].split(","))
        if tag == "link" and self.LOADED_LINKS & set((attrs.get("rel") or "").split()):
            self.urls.append(attrs["href"])


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/plan/projects/1/", "/indicators/1-3/"])
def test_it_loads_nothing_from_other_sites(client, url):
    parser = _LoadedResources()
    parser.feed(client.get(url).content.decode())
    assert parser.urls  # the page does load its own stylesheet
    for loaded in parser.urls:
        assert urlsplit(loaded).netloc in ("", "testserver"), loaded


@pytest.mark.django_db
def test_absolute_links_in_the_head_point_at_this_site(client):
    html = client.get("/plan/projects/1/").content.decode()
    for absolute in re.findall(r"""(?:href|content)=["'](https?://[^"']+)""", html):
        assert urlsplit(absolute).netloc == "testserver", absolute


@pytest.mark.django_db
def test_unknown_pages_are_404(client):
    assert client.get("/plan/projects/19/").status_code == 404
    assert client.get("/plan/policies/4/").status_code == 404
