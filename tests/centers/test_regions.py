"""/regions/ and /regions/<slug>/: the 8 地域 with their centres, bodies and activities."""

import datetime
import json
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.template import engines
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from centers.models import CenterUsage, CivicCenter, ManagementPeriod
from centers.services import reference_data_load
from core.slugs import unicode_slug
from councils.models import Activity, ActivityPhoto, AnnualReport, CollaborationBody, Region

pytestmark = pytest.mark.django_db

YEAR = 2024
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
# The version of the cached pages, the region, the centres with their periods and usages,
# the bodies, the reports with their activities and photos, the projects with their roles,
# and the sample-data banner's look at the figures (two queries on this data).
DETAIL_QUERIES = 13
LIST_QUERIES = 5  # the version, the regions with their counts, the districts, the banner


@pytest.fixture(autouse=True)
def this_year(monkeypatch):
    monkeypatch.setattr("centers.regions.current_fiscal_year", lambda: YEAR)


@pytest.fixture
def ichinoseki():
    return Region.objects.get(name="一関")


@pytest.fixture
def mashiba():
    return CollaborationBody.objects.get(name="真柴まちづくり協議会")


def body_in(region, name, **kwargs):
    return CollaborationBody.objects.create(
        name=name, slug=unicode_slug(name), region=region, **kwargs
    )


def report(body, year, status="受理", **kwargs):
    accepted_at = timezone.now() if status == "受理" else None
    return AnnualReport.objects.create(
        body=body, fiscal_year=year, status=status, accepted_at=accepted_at, **kwargs
    )


def activity(report, title, *, photos=0, held_on=None):
    made = Activity.objects.create(
        report=report, title=title, held_on=held_on or datetime.date(report.fiscal_year, 8, 1)
    )
    for number in range(photos):
        ActivityPhoto.objects.create(
            activity=made,
            image=ContentFile(b"jpeg", name="photo.jpg"),
            thumbnail=ContentFile(b"jpeg", name="photo-thumb.jpg"),
            caption=f"{title}の写真{number + 1}",
        )
    return made


def page(client, region):
    response = client.get(region.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_every_region_has_a_slug_from_its_name():
    assert [(r.name, r.slug) for r in Region.objects.all()] == [
        (name, name) for name in ["一関", "花泉", "大東", "千厩", "東山", "室根", "川崎", "藤沢"]
    ]


def test_the_reference_data_gives_a_new_region_its_slug():
    data = json.loads((FIXTURES / "reference.json").read_text(encoding="utf-8"))
    data["regions"].append("新しい地域")
    reference_data_load(data=data, base_dir=FIXTURES)
    assert Region.objects.get(name="新しい地域").slug == "新しい地域"


def test_the_list_shows_the_eight_regions_with_their_centres_and_bodies(client, ichinoseki):
    body_in(ichinoseki, "解散した協働体", status="解散", dissolved_fiscal_year=2023)
    body_in(ichinoseki, "来年度に設立する協働体", founded_fiscal_year=YEAR + 1)
    html = client.get("/regions/").content.decode()
    assert "<h1>地域から探す</h1>" in html
    assert "お住まいの地域を選んでください。" in html
    assert html.count('<li class="region-card">') == 8
    for region in Region.objects.all():
        assert f'href="{region.get_absolute_url()}">{region}</a>' in html
    card = html[html.index(">一関地域<") :]
    card = card[: card.index("</li>")]
    # The 11 centres of the reference data and its 4 bodies: not the dissolved one, nor the
    # one founded next year.
    assert "市民センター 11館" in card and "地域協働体 4団体" in card
    assert "真柴" in card  # its districts
    fujisawa = html[html.index(">藤沢地域<") :]
    assert "市民センター 1館" in fujisawa[: fujisawa.index("</li>")]


def test_an_unknown_region_is_404(client):
    assert client.get("/regions/どこにもない/").status_code == 404
    assert client.get("/en/regions/nowhere/").status_code == 404


def test_a_region_shows_its_centres_with_this_years_management_and_latest_usage(client, ichinoseki):
    mashiba_center = CivicCenter.objects.get(name="真柴市民センター")
    CenterUsage.objects.create(center=mashiba_center, fiscal_year=2022, visits=9_000)
    CenterUsage.objects.create(center=mashiba_center, fiscal_year=2023, visits=12_345)
    city_run = CivicCenter.objects.get(name="一関市民センター")
    ManagementPeriod.objects.create(center=city_run, kind="直営", first_fiscal_year=2020)
    html = page(client, ichinoseki)
    assert "<h1>一関地域</h1>" in html
    assert html.count('class="region-item-name"') == 11
    assert "大東" not in html[html.index('id="centers"') : html.index('id="bodies"')]
    item = html[html.index(">真柴市民センター<") :]
    item = item[: item.index("</li>")]
    assert "地域による管理（指定管理：" in item and "真柴まちづくり協議会" in item
    assert "12,345人（令和5年度）" in item and "9,000" not in item
    item = html[html.index(">一関市民センター<") :]
    item = item[: item.index("</li>")]
    assert "直営（市）" in item and "地域による管理" not in item
    assert "未集計" in item
    item = html[html.index(">山目市民センター<") :]
    assert "記録なし" in item[: item.index("</li>")]


def test_a_region_shows_activities_of_accepted_reports_only(client, ichinoseki, mashiba):
    activity(report(mashiba, 2023), "前の年度の清掃")
    activity(report(mashiba, YEAR), "受理された夏まつり", photos=1)
    for status in ("下書き", "提出済", "差戻し"):
        body = body_in(ichinoseki, f"{status}の協働体")
        activity(report(body, YEAR, status=status), f"{status}の活動")
    yamanome = CollaborationBody.objects.get(name="山目地区まちづくり協議会")
    activity(report(yamanome, 2023), "山目の受理された活動")
    activity(report(yamanome, YEAR, status="差戻し"), "山目の差し戻された活動")
    html = page(client, ichinoseki)
    assert "受理された夏まつり" in html
    assert "令和6年度（2024年度）の活動（1件）" in html
    assert "前の年度の清掃" not in html  # the latest accepted year only
    for status in ("下書き", "提出済", "差戻し"):
        assert f"{status}の活動" not in html
        section = html[html.index(f">{status}の協働体<") :]
        assert "受理された報告はまだありません。" in section[: section.index("</section>")]
    assert "山目の受理された活動" in html  # its latest accepted report, not the returned one
    assert "山目の差し戻された活動" not in html


def test_a_region_shows_only_the_photos_the_body_agreed_to_publish(client, ichinoseki, mashiba):
    shown = activity(report(mashiba, YEAR), "写真を公開する活動", photos=2)
    body = body_in(ichinoseki, "写真を公開しない協働体")
    hidden = activity(report(body, YEAR, publish_photos=False), "写真を公開しない活動", photos=1)
    quiet = body_in(ichinoseki, "活動を公開しない協働体")
    activity(report(quiet, YEAR, publish_activities=False), "公開しない活動")
    html = page(client, ichinoseki)
    for photo in shown.photos.all():
        assert f'src="/bodies/photos/{photo.pk}/thumb/" alt="{photo.caption}"' in html
    assert "写真を公開しない活動" in html
    assert f"/bodies/photos/{hidden.photos.get().pk}/" not in html
    assert "公開しない活動" not in html.replace("写真を公開しない活動", "")
    assert "令和6年度の報告は受理されていますが、活動実績は公開されていません。" in html


def test_a_region_shows_a_bounded_number_of_activities_with_a_link_to_the_body(
    client, ichinoseki, mashiba
):
    accepted = report(mashiba, YEAR)
    for day in range(1, 9):
        activity(accepted, f"第{day}回の活動", held_on=datetime.date(YEAR, 6, day))
    html = page(client, ichinoseki)
    assert "令和6年度（2024年度）の活動（8件）" in html
    for day in range(6, 9):  # the newest three
        assert f"第{day}回の活動" in html
    for day in range(1, 6):
        assert f"第{day}回の活動" not in html
    link = f'<a href="{mashiba.get_absolute_url()}">真柴まちづくり協議会の活動をすべて見る（8件）'
    assert link in html


def test_a_region_without_bodies_or_reports_says_so_in_plain_japanese(client):
    html = page(client, Region.objects.get(name="川崎"))
    assert "受理された報告はまだありません。" in html
    CollaborationBody.objects.filter(region__name="川崎").delete()
    cache.clear()
    html = page(client, Region.objects.get(name="川崎"))
    assert "この地域の地域協働体はまだ登録されていません。" in html


def test_a_region_lists_the_projects_the_bodies_take_part_in(client, ichinoseki):
    html = page(client, ichinoseki)
    projects = html[html.index('id="projects"') :]
    assert '<a href="/plan/projects/18/">事業18 地域による市民センターの管理</a>' in projects
    assert 'href="/plan/projects/7/"' in projects  # ◎
    assert 'href="/plan/projects/5/"' not in projects  # the bodies have no role in it
    assert "/plan/?actor=%E5%8D%94%E5%83%8D%E4%BD%93" in projects


def test_body_and_centre_pages_link_to_their_region(client, mashiba):
    region_url = mashiba.region.get_absolute_url()
    assert f'href="{region_url}"' in client.get(mashiba.get_absolute_url()).content.decode()
    center = CivicCenter.objects.get(name="藤沢市民センター")
    html = client.get(center.get_absolute_url()).content.decode()
    assert f'href="{center.region.get_absolute_url()}">藤沢地域</a>' in html


def test_the_sitemap_lists_the_region_pages(client):
    xml = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/regions/</loc>" in xml
    for region in Region.objects.all():
        assert f"http://testserver{region.get_absolute_url()}</loc>" in xml
        assert f"http://testserver/en{region.get_absolute_url()}</loc>" in xml


def test_the_home_page_entry_links_every_region_in_one_query(django_assert_num_queries):
    template = engines["django"].from_string("{% load regions %}{% region_entry %}")
    with django_assert_num_queries(1):
        html = template.render({})
    assert '<h2 id="region-entry-heading">お住まいの地域から探す</h2>' in html
    assert html.count('<li><a href="/regions/') == 8
    assert '<li><a href="/regions/%E8%97%A4%E6%B2%A2/">藤沢地域</a></li>' in html


def many_bodies_with_reports(region, count, activities):
    """``count`` more bodies in ``region``, each with two accepted years of ``activities``
    activities, those of the latest year with two photos each."""
    first = CollaborationBody.objects.count()
    for number in range(first, first + count):
        body = body_in(region, f"測定用の協働体{number}")
        for year, photos in ((YEAR - 1, 0), (YEAR, 2)):
            accepted = report(body, year)
            for day in range(activities):
                held_on = datetime.date(year, 5, day + 1)
                activity(accepted, f"活動{day}", photos=photos, held_on=held_on)


def test_the_pages_answer_within_their_query_budget(
    client, ichinoseki, django_assert_max_num_queries
):
    many_bodies_with_reports(ichinoseki, 15, 8)
    with django_assert_max_num_queries(DETAIL_QUERIES):
        html = page(client, ichinoseki)
    assert html.count("の活動をすべて見る（8件）") == 15
    with django_assert_max_num_queries(LIST_QUERIES):
        assert client.get("/regions/").status_code == 200


@pytest.mark.parametrize("url", ["/regions/", "/regions/一関/"])
def test_the_query_count_does_not_grow_with_bodies_and_activities(client, ichinoseki, url):
    many_bodies_with_reports(ichinoseki, 1, 1)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for region in Region.objects.exclude(pk=ichinoseki.pk)[:3]:
        many_bodies_with_reports(region, 3, 6)
    many_bodies_with_reports(ichinoseki, 8, 10)
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
