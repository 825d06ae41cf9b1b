import pytest

from centers.models import ManagementPeriod
from councils.models import CollaborationBody

pytestmark = pytest.mark.django_db


def test_the_list_groups_bodies_by_region_and_counts_the_registry(client):
    html = client.get("/bodies/").content.decode()
    assert (
        "このサイトに登録されている地域協働体は13団体です（計画では市内33の地域で設立）。" in html
    )
    assert "名称が確認できた団体から登録しています。" in html
    assert html.index("一関地域") < html.index("花泉地域") < html.index("藤沢地域")
    assert "真柴まちづくり協議会" in html


def test_the_list_shows_the_centre_each_body_manages_this_year(client):
    html = client.get("/bodies/").content.decode()
    row = html[html.index("藤沢町住民自治協議会") :]
    row = row[: row.index("</tr>")]
    assert "藤沢市民センター" in row
    assert "平成26年度" in row  # founded FY2014


def test_a_body_page_shows_its_centres_plan_and_the_projects_it_acts_in(client):
    body = CollaborationBody.objects.get(name="興田地区振興会")
    body.plan_vision = "みんなでつくる 元気な興田"
    body.save()
    html = client.get(body.get_absolute_url()).content.decode()
    assert "<h1>興田地区振興会</h1>" in html
    assert "みんなでつくる 元気な興田" in html
    assert "興田市民センター" in html and "令和3年度から" in html
    # 協働体 lead ◎ in projects 7, 10 and 18 and take part in others; none in 5, 6, 9.
    assert "事業7 市民がつながる交流の場の充実" in html
    assert "事業18 地域による市民センターの管理" in html
    assert "事業5 職員研修の実施" not in html
    assert "事業9 " not in html
    assert "https://www.okita.fun/okitacenter/" in html


def test_an_unknown_body_is_404(client):
    assert client.get("/bodies/存在しない協議会/").status_code == 404


def test_a_body_without_records_says_so(client):
    body = CollaborationBody.objects.get(name="猿沢地区振興会")
    assert not ManagementPeriod.objects.filter(body=body).exists()
    html = client.get(body.get_absolute_url()).content.decode()
    assert "登録されている管理の記録はありません。" in html
    assert "地域づくり計画の将来像はまだ登録されていません。" in html
