import pytest
from django.urls import reverse

from centers.models import CenterUsage, ManagementPeriod, Population
from centers.resources import CenterUsageResource, ManagementPeriodResource, PopulationResource
from core.formats import JapaneseCSV
from core.resources import import_file
from councils.models import CollaborationBody
from councils.resources import CollaborationBodyResource

pytestmark = pytest.mark.django_db


def run(resource, text, encoding="utf-8"):
    return import_file(resource=resource, data=text.encode(encoding), file_format=JapaneseCSV())


def test_the_city_loads_its_list_of_bodies_in_one_go():
    outcome = run(
        CollaborationBodyResource(),
        "名称,地域,地区,設立年度\n"
        "狐禅寺地区まちづくり協議会,一関,狐禅寺,2015\n"
        "真柴まちづくり協議会,一関,真柴,２０１６\n",
        "cp932",
    )
    assert outcome.errors == []
    new = CollaborationBody.objects.get(name="狐禅寺地区まちづくり協議会")
    assert new.district.name == "狐禅寺" and new.slug == "狐禅寺地区まちづくり協議会"
    assert CollaborationBody.objects.get(name="真柴まちづくり協議会").founded_fiscal_year == 2016
    # Columns left out of the file keep what was stored.
    assert CollaborationBody.objects.get(name="真柴まちづくり協議会").certainty == "確認済"


def test_a_body_in_an_unknown_district_rejects_the_file():
    outcome = run(CollaborationBodyResource(), "名称,地域,地区\n新しい協議会,一関,どこか\n")
    assert outcome.errors == ["2行目「地区」：地区「一関/どこか」は登録されていません。"]
    assert not CollaborationBody.objects.filter(name="新しい協議会").exists()


def test_usage_rows_must_be_whole_numbers():
    outcome = run(
        CenterUsageResource(),
        "市民センター,年度,利用者数,利用件数\n山目市民センター,R4,12.5,\n厳美市民センター,R4,,\n",
    )
    assert outcome.errors == [
        "2行目「利用者数」：利用者数「12.5」は0以上の整数で入力してください。",
        "3行目「利用者数」：利用者数が空欄です。",
    ]
    assert CenterUsage.objects.count() == 0


def test_overlapping_periods_in_a_file_are_rejected():
    outcome = run(
        ManagementPeriodResource(),
        "市民センター,管理の方法,開始年度,終了年度\n"
        "山目市民センター,直営,2015,2020\n"
        "山目市民センター,指定管理,2019,\n",
    )
    assert any("重なっています" in line for line in outcome.errors)
    assert not ManagementPeriod.objects.filter(center__name="山目市民センター").exists()


def test_population_by_fiscal_year_with_its_date():
    outcome = run(
        PopulationResource(),
        '年度,地域,基準日,人口,世帯数\n令和6年度,,2024年10月1日,"106,000",\n令和6年度,花泉,2024/10/1,12000,\n',
    )
    assert outcome.errors == []
    city = Population.objects.get(fiscal_year=2024, region=None)
    assert city.population == 106000 and city.as_of.isoformat() == "2024-10-01"
    assert Population.objects.get(fiscal_year=2024, region__name="花泉").population == 12000


def test_blank_templates_carry_the_japanese_headers(client, city_editor):
    client.force_login(city_editor)
    response = client.get(reverse("admin:centers_centerusage_import_template"))
    assert (
        response.content.decode("utf-8-sig").strip() == "市民センター,年度,利用者数,利用件数,備考"
    )
    response = client.get(reverse("admin:councils_collaborationbody_import_template"))
    assert response.content.decode("utf-8-sig").startswith("名称,よみがな,地域,地区,設立年度")


def test_viewers_get_no_template(client, city_viewer):
    client.force_login(city_viewer)
    assert client.get(reverse("admin:centers_centerusage_import_template")).status_code == 403
