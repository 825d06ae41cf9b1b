"""/centers/ a page at a time: 40 centres a page by region, the counts of all of them."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from centers.models import CivicCenter, ManagementPeriod
from councils.models import District

pytestmark = pytest.mark.django_db

YEAR = 2024
# The page's budget in tests/core/test_query_counts.py.
CENTER_LIST_QUERIES = 7
ROW_OR_HEADING = re.compile(
    r'<h2 id="region-\d+">(?P<region>[^<]+)</h2>|<th scope="row"><a href="[^"]+">(?P<center>[^<]+)</a>'
)


@pytest.fixture(autouse=True)
def this_year(monkeypatch):
    monkeypatch.setattr("centers.views.current_fiscal_year", lambda: YEAR)


def grow_centers_to(total):
    """``total`` centres, the added ones spread over the city's districts; of those, every
    third managed by its region, every third by the city, the rest with no record."""
    districts = list(District.objects.select_related("region").order_by("pk"))
    existing = CivicCenter.objects.count()
    added = CivicCenter.objects.bulk_create(
        CivicCenter(
            name=f"{districts[i % len(districts)].name}第{i:04d}センター",
            slug=f"center-{i:04d}",
            region=districts[i % len(districts)].region,
            district=districts[i % len(districts)],
        )
        for i in range(existing, total)
    )
    ManagementPeriod.objects.bulk_create(
        ManagementPeriod(
            center=center,
            kind="指定管理" if n % 3 == 0 else "直営",
            manager_note="地元の地域協働体" if n % 3 == 0 else "",
            first_fiscal_year=2020,
        )
        for n, center in enumerate(added)
        if n % 3 != 2
    )
    cache.clear()


def sections(html):
    """The page's centres as ``[(region heading, centre name)]``, in page order."""
    found, region = [], None
    for match in ROW_OR_HEADING.finditer(html):
        if match["region"]:
            region = match["region"]
        else:
            found.append((region, match["center"]))
    return found


def counts_by_manager_in():
    """(open, recorded, regional) from each centre's own ``manager_in()``."""
    periods = [c.manager_in(YEAR) for c in CivicCenter.objects.for_listing().open_in(YEAR)]
    recorded = [p for p in periods if p is not None]
    return len(periods), len(recorded), len([p for p in recorded if p.is_regional])


def test_it_shows_the_citys_centres_on_one_page(client):
    html = client.get("/centers/").content.decode()
    assert len(sections(html)) == CivicCenter.objects.count() == 34
    assert "page-links" not in html and "1 / 1 ページ" not in html


def test_at_ten_times_every_centre_is_on_exactly_one_page_under_its_region(client):
    grow_centers_to(340)
    regions = {center.name: str(center.region) for center in CivicCenter.objects.all()}
    shown = []
    for number in range(1, 10):
        rows = sections(client.get(f"/centers/?page={number}").content.decode())
        assert len(rows) == (40 if number < 9 else 20)
        assert all(heading == regions[name] for heading, name in rows)
        shown += [name for _, name in rows]
    assert sorted(shown) == sorted(regions)
    assert client.get("/centers/?page=10").status_code == 404


def test_every_page_counts_all_the_centres(client):
    grow_centers_to(340)
    # 306 added: 102 指定管理 and 102 直営 with a record, 102 without; with the city's 7.
    assert counts_by_manager_in() == (340, 211, 109)
    for url in ("/centers/", "/centers/?page=2", "/centers/?page=9"):
        html = client.get(url).content.decode()
        assert "令和6年度：管理の記録のある211館のうち109館が地域による管理（指定管理）" in html
        assert "市民センター340館中129館は管理の記録がありません。" in html
    html = client.get("/centers/?page=2").content.decode()
    assert html.index('<h2 id="region-') < html.index('<th scope="row">')
    assert "<title>市民センター（2 / 9 ページ） |" in html
    assert 'aria-label="市民センターの一覧のページ"' in html
    assert '<a class="btn btn-outline-primary" href="/centers/">前へ</a>' in html
    assert '<a class="btn btn-outline-primary" href="?page=3">次へ</a>' in html
    assert "2 / 9 ページ" in html


def test_the_counts_follow_the_first_period_covering_the_year_as_manager_in_does(client):
    center = CivicCenter.objects.get(name="真柴市民センター")
    ManagementPeriod.objects.create(center=center, kind="直営", first_fiscal_year=2010)
    total, recorded, regional = counts_by_manager_in()
    assert CivicCenter.objects.get(pk=center.pk).manager_in(YEAR).kind == "直営"
    assert CivicCenter.objects.open_in(YEAR).management_counts(YEAR) == {
        "total": total,
        "recorded": recorded,
        "regional": regional,
    }
    html = client.get("/centers/").content.decode()
    assert f"管理の記録のある{recorded}館のうち{regional}館が地域による管理" in html
    assert regional == 6


@pytest.mark.parametrize("value", ["0", "-1", "x", "2.5", "02", "", "999999999"])
def test_a_page_that_is_not_there_is_404(client, value):
    grow_centers_to(340)
    assert client.get("/centers/", {"page": value}).status_code == 404


def test_a_second_page_of_the_citys_centres_is_404(client):
    assert client.get("/centers/?page=2").status_code == 404
    assert client.get("/centers/?page=1").status_code == 200


def test_a_page_costs_the_same_queries_at_ten_times_the_centres(
    client, django_assert_max_num_queries
):
    with CaptureQueriesContext(connection) as city:
        client.get("/centers/")
    grow_centers_to(340)
    for url in ("/centers/", "/centers/?page=5"):
        cache.clear()
        with django_assert_max_num_queries(CENTER_LIST_QUERIES) as queries:
            assert client.get(url).status_code == 200
        assert len(queries) == len(city)
