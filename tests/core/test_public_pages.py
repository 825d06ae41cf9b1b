"""Guards every public HTML page keeps: it answers, has one <h1>, and says its language."""

import re

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
    "/indicators/",
    "/indicators/0-1/",
    "/indicators/1-3/",
    "/bodies/",
    "/bodies/真柴まちづくり協議会/",
    "/centers/",
    "/centers/真柴市民センター/",
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


@pytest.mark.django_db
def test_it_loads_nothing_from_other_sites(client):
    html = client.get("/").content.decode()
    assert not re.search(r"""(src|href)=["']https?://""", html)


@pytest.mark.django_db
def test_unknown_pages_are_404(client):
    assert client.get("/plan/projects/19/").status_code == 404
    assert client.get("/plan/policies/4/").status_code == 404
