"""/centers/ counts management only among the centres whose manager is recorded."""

import pytest

from centers.models import CivicCenter, ManagementPeriod

pytestmark = pytest.mark.django_db

YEAR = 2024
# The page's budget in tests/core/test_query_counts.py.
CENTER_LIST_QUERIES = 7


@pytest.fixture(autouse=True)
def this_year(monkeypatch):
    monkeypatch.setattr("centers.views.current_fiscal_year", lambda: YEAR)


def unrecorded_centers():
    return CivicCenter.objects.open_in(YEAR).exclude(
        pk__in=ManagementPeriod.objects.covering(YEAR).values("center")
    )


def record_direct(centers):
    for center in centers:
        ManagementPeriod.objects.create(center=center, kind="直営", first_fiscal_year=YEAR)


def counts():
    """(open, recorded, regional) as the periods in force say, not as the page does."""
    periods = ManagementPeriod.objects.covering(YEAR).filter(
        center__in=CivicCenter.objects.open_in(YEAR)
    )
    return (
        CivicCenter.objects.open_in(YEAR).count(),
        periods.count(),
        periods.filter(kind="指定管理").count(),
    )


def test_it_counts_the_recorded_and_the_unrecorded_apart(client, django_assert_max_num_queries):
    record_direct(unrecorded_centers()[:2])
    total, recorded, regional = counts()
    assert (total, recorded, regional) == (34, 9, 7)
    with django_assert_max_num_queries(CENTER_LIST_QUERIES):
        html = client.get("/centers/").content.decode()
    assert "令和6年度：管理の記録のある9館のうち7館が地域による管理（指定管理）" in html
    assert "市民センター34館中25館は管理の記録がありません。" in html
    assert html.count(">記録なし<") == 25
    assert "34館中7館" not in html  # no headline about all 34 from the recorded few


def test_it_does_not_speak_of_missing_records_when_every_centre_has_one(client):
    record_direct(unrecorded_centers())
    assert counts() == (34, 34, 7)
    html = client.get("/centers/").content.decode()
    assert "令和6年度：管理の記録のある34館のうち7館が地域による管理（指定管理）" in html
    assert "記録なし" not in html
    assert "管理の記録がありません" not in html
    assert "管理の記録がまだありません" not in html


def test_it_says_so_when_no_centre_has_a_record(client):
    ManagementPeriod.objects.all().delete()
    html = client.get("/centers/").content.decode()
    assert "令和6年度：市民センター34館のいずれも、管理の記録がまだありません" in html
    assert "管理の記録のある" not in html
    assert html.count(">記録なし<") == 34
