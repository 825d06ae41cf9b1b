"""/bodies/ a page at a time: 40 bodies a page by region, the counts of all of them."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from councils.models import CollaborationBody, District

pytestmark = pytest.mark.django_db

# The page's budget in tests/core/test_query_counts.py.
BODY_LIST_QUERIES = 6
ROW_OR_HEADING = re.compile(
    r'<h2 id="region-\d+">(?P<region>[^<]+)</h2>|<th scope="row"><a href="[^"]+">(?P<body>[^<]+)</a>'
)


def grow_registry_to(total):
    """The registry at ``total`` bodies, the added ones spread over the city's districts."""
    districts = list(District.objects.select_related("region").order_by("pk"))
    existing = CollaborationBody.objects.count()
    CollaborationBody.objects.bulk_create(
        CollaborationBody(
            name=f"{districts[i % len(districts)].name}第{i:04d}協働体",
            slug=f"body-{i:04d}",
            region=districts[i % len(districts)].region,
            district=districts[i % len(districts)],
            founded_fiscal_year=2015,
        )
        for i in range(existing, total)
    )
    cache.clear()


def sections(html):
    """The page's bodies as ``[(region heading, body name)]``, in page order."""
    found, region = [], None
    for match in ROW_OR_HEADING.finditer(html):
        if match["region"]:
            region = match["region"]
        else:
            found.append((region, match["body"]))
    return found


def test_it_shows_the_citys_registry_on_one_page(client):
    html = client.get("/bodies/").content.decode()
    assert len(sections(html)) == CollaborationBody.objects.count() == 13
    assert "page-links" not in html and "1 / 1 ページ" not in html
    assert sections(client.get("/bodies/?page=1").content.decode()) == sections(html)


def test_at_ten_times_the_registry_every_body_is_on_exactly_one_page_under_its_region(client):
    grow_registry_to(330)
    regions = {body.name: str(body.region) for body in CollaborationBody.objects.all()}
    shown = []
    for number in range(1, 10):
        rows = sections(client.get(f"/bodies/?page={number}").content.decode())
        assert len(rows) == (40 if number < 9 else 10)
        assert all(heading == regions[name] for heading, name in rows)
        shown += [name for _, name in rows]
    assert sorted(shown) == sorted(regions)
    assert client.get("/bodies/?page=10").status_code == 404


def test_page_two_starts_with_its_region_and_counts_all_bodies(client):
    grow_registry_to(330)
    html = client.get("/bodies/?page=2").content.decode()
    assert html.index('<h2 id="region-') < html.index('<th scope="row">')
    assert (
        "このサイトに登録されている地域協働体は330団体です（計画では市内33の地域で設立）。" in html
    )
    assert "名称が確認できた団体から登録しています。" not in html  # 330 ≥ the plan's 33
    assert "<title>地域協働体（2 / 9 ページ） |" in html


def test_the_page_links_say_where_the_reader_is(client):
    grow_registry_to(330)
    first = client.get("/bodies/").content.decode()
    nav = first[first.index('<nav class="pager page-links"') :]
    nav = nav[: nav.index("</nav>")]
    assert 'aria-label="地域協働体の一覧のページ"' in nav
    assert "1 / 9 ページ" in nav
    assert '<a class="btn btn-outline-primary" href="?page=2">次へ</a>' in nav
    assert "前へ" not in nav
    second = client.get("/bodies/?page=2").content.decode()
    assert '<a class="btn btn-outline-primary" href="/bodies/">前へ</a>' in second
    assert 'href="?page=3">次へ</a>' in second
    last = client.get("/bodies/?page=9").content.decode()
    assert 'href="?page=8">前へ</a>' in last and "次へ" not in last
    assert "9 / 9 ページ" in last


@pytest.mark.parametrize("value", ["0", "-1", "x", "2.5", "02", "", "1e3", "999999999"])
def test_a_page_that_is_not_there_is_404(client, value):
    grow_registry_to(330)
    assert client.get("/bodies/", {"page": value}).status_code == 404


def test_a_second_page_of_the_citys_registry_is_404(client):
    assert client.get("/bodies/?page=2").status_code == 404


def test_a_page_costs_the_same_queries_at_ten_times_the_registry(
    client, django_assert_max_num_queries
):
    with CaptureQueriesContext(connection) as city:
        client.get("/bodies/")
    grow_registry_to(330)
    for url in ("/bodies/", "/bodies/?page=5"):
        cache.clear()
        with django_assert_max_num_queries(BODY_LIST_QUERIES) as queries:
            assert client.get(url).status_code == 200
        assert len(queries) == len(city)
