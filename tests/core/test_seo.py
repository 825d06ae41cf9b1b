import pytest

pytestmark = pytest.mark.django_db


def test_the_sitemap_lists_every_public_object(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    assert xml.count("<loc>http://testserver/plan/projects/") == 18
    assert xml.count("/indicators/") >= 9
    assert (
        "/centers/%E7%9C%9F%E6%9F%B4%E5%B8%82%E6%B0%91%E3%82%BB%E3%83%B3%E3%82%BF%E3%83%BC/" in xml
        or "/centers/真柴市民センター/" in xml
    )
    assert "/reports/2024/" in xml
    assert "/portal/" not in xml


def test_robots_keeps_crawlers_out_of_the_portal_and_points_to_the_sitemap(client):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /portal/" in text and "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_pages_have_canonical_description_and_open_graph_tags(client):
    html = client.get("/plan/projects/7/?utm=x").content.decode()
    assert '<link rel="canonical" href="http://testserver/plan/projects/7/">' in html
    assert '<meta name="description"' in html
    assert '<meta property="og:title" content="事業7 市民がつながる交流の場の充実">' in html
    assert '<meta property="og:url" content="http://testserver/plan/projects/7/">' in html
    assert '<meta property="og:locale" content="ja_JP">' in html


def test_robots_keeps_crawlers_out_of_the_english_twins_of_private_paths(client):
    lines = client.get("/robots.txt").content.decode().splitlines()
    for path in ("/portal/", "/search/"):
        assert f"Disallow: {path}" in lines
        assert f"Disallow: /en{path}" in lines
    assert "Disallow: /en/admin/" not in lines  # the admin has no English twin
