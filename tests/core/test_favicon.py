"""The portal's icon: named by every page, served from this site, also at /favicon.ico."""

import io
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

pytestmark = pytest.mark.django_db

SVG_LINK = '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">'
ICO_LINK = '<link rel="icon" href="/static/favicon.ico" sizes="32x32">'


def fetch(client, url):
    """The status, type and bytes of a static file, its response closed (WhiteNoise streams it)."""
    response = client.get(url)
    try:
        return response.status_code, response["Content-Type"], b"".join(response.streaming_content)
    finally:
        response.close()


@pytest.mark.parametrize("url", ["/", "/centers/", "/plan/projects/7/", "/en/indicators/"])
def test_it_is_named_by_the_pages(client, url):
    html = client.get(url).content.decode()
    assert SVG_LINK in html
    assert ICO_LINK in html


def test_the_svg_is_served_and_draws_without_fonts_or_other_sites(client):
    status, content_type, svg = fetch(client, "/static/favicon.svg")
    assert status == 200
    assert content_type.startswith("image/svg+xml")
    root = ET.fromstring(svg)  # noqa: S314 - the portal's own file
    tags = {element.tag.rsplit("}", 1)[-1] for element in root.iter()}
    assert "text" not in tags
    assert b"#0017c1" in svg  # the portal's primary colour
    assert b"href" not in svg


def test_the_ico_is_served_in_the_small_sizes(client):
    status, _content_type, ico = fetch(client, "/static/favicon.ico")
    assert status == 200
    icon = Image.open(io.BytesIO(ico))
    assert icon.format == "ICO"
    assert {(16, 16), (32, 32)} <= icon.info["sizes"]


def test_favicon_ico_at_the_root_leads_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/favicon.ico"
    assert "max-age=86400" in response["Cache-Control"]
    assert fetch(client, response["Location"])[0] == 200
    assert client.head("/favicon.ico").status_code == 302
    assert client.post("/favicon.ico").status_code == 405


def test_the_content_security_policy_allows_an_icon_from_this_site(client):
    policy = client.get("/")["Content-Security-Policy"]
    img_src = next(part for part in policy.split(";") if part.strip().startswith("img-src"))
    assert "'self'" in img_src.split()
