"""The reference data matches the public sources in fixtures/source/ exactly."""

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from centers.models import CivicCenter, ManagementPeriod, Population
from councils.models import CollaborationBody, District, Region

pytestmark = pytest.mark.django_db
SOURCE = Path(__file__).resolve().parents[2] / "fixtures" / "source"


def rows(name):
    with (SOURCE / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_eight_regions_in_the_citys_order():
    assert list(Region.objects.values_list("name", flat=True)) == [
        "一関", "花泉", "大東", "千厩", "東山", "室根", "川崎", "藤沢",
    ]  # fmt: skip


def test_every_centre_of_the_source_with_its_facts():
    source = rows("civic-centers.csv")
    assert len(source) == 34
    assert CivicCenter.objects.count() == 34
    assert District.objects.count() == 34
    for row in source:
        center = CivicCenter.objects.select_related("region", "district").get(
            name=row["市民センター"]
        )
        assert center.region.name == row["地域"]
        assert center.district.name == row["地区"]
        assert center.address == row["住所"]
        assert center.certainty == row["確度"]
        assert center.source == row["出典"]
        assert center.management_note == row["指定管理の記録"]


def test_only_the_thirteen_confirmed_bodies_none_invented():
    source = rows("collaboration-bodies.csv")
    assert len(source) == 13
    assert set(CollaborationBody.objects.values_list("name", flat=True)) == {
        row["地域協働体"] for row in source
    }
    for row in source:
        body = CollaborationBody.objects.get(name=row["地域協働体"])
        assert (body.region.name, body.district.name) == (row["地域"], row["地区"])
        assert body.certainty == row["確度"]
        assert body.source == row["出典"]
        assert body.founded_note == row["設立"]
        assert not body.is_sample


def test_founding_years_read_from_the_sources_dates():
    founded = dict(
        CollaborationBody.objects.exclude(founded_fiscal_year=None).values_list(
            "name", "founded_fiscal_year"
        )
    )
    # 2015-02 falls in FY2014; 2016-06-22 in FY2016; 2014-11-06 in FY2014.
    assert founded == {
        "山目地区まちづくり協議会": 2014,
        "弥栄地区まちづくり協議会": 2016,
        "興田地区振興会": 2015,
        "藤沢町住民自治協議会": 2014,
    }


def test_management_periods_only_where_the_source_gives_years():
    periods = {p.center.name: p for p in ManagementPeriod.objects.select_related("center", "body")}
    assert len(periods) == 7
    assert periods["真柴市民センター"].body.name == "真柴まちづくり協議会"
    assert periods["真柴市民センター"].first_fiscal_year == 2017
    assert periods["摺沢市民センター"].last_fiscal_year == 2028
    assert periods["関が丘市民センター"].body is None
    assert "奥玉市民センター" not in periods  # only 「指定管理予定者」 is known


def test_the_known_city_populations():
    assert list(Population.objects.values_list("fiscal_year", "population", "as_of")) == [
        (2022, 108446, __import__("datetime").date(2022, 7, 1)),
        (2023, 107555, __import__("datetime").date(2024, 1, 1)),
    ]


def test_loading_twice_changes_nothing_and_keeps_corrections():
    CivicCenter.objects.filter(name="猿沢市民センター").update(address="修正した住所")
    out = io.StringIO()
    call_command("load_reference_data", stdout=out)
    assert "変更なし" in out.getvalue()
    assert CivicCenter.objects.get(name="猿沢市民センター").address == "修正した住所"
