import pytest

from centers.models import CenterUsage, CivicCenter

pytestmark = pytest.mark.django_db


def test_the_list_counts_regional_management_honestly(client, monkeypatch):
    monkeypatch.setattr("centers.views.current_fiscal_year", lambda: 2024)
    html = client.get("/centers/").content.decode()
    assert "令和6年度：管理の記録のある7館のうち7館が地域による管理（指定管理）" in html
    assert "市民センター34館中27館は管理の記録がありません。" in html
    assert html.count('href="/centers/') >= 34


def test_the_list_names_the_managing_body(client, monkeypatch):
    monkeypatch.setattr("centers.views.current_fiscal_year", lambda: 2024)
    html = client.get("/centers/").content.decode()
    row = html[html.index(">真柴市民センター<") :]
    row = row[: row.index("</tr>")]
    assert "指定管理" in row and "真柴まちづくり協議会" in row
    assert "平成29年度から" in row


def test_a_centre_page_shows_management_history_and_usage(client):
    center = CivicCenter.objects.get(name="興田市民センター")
    CenterUsage.objects.create(center=center, fiscal_year=2023, visits=15_000, bookings=900)
    other = CivicCenter.objects.get(name="藤沢市民センター")
    CenterUsage.objects.create(center=other, fiscal_year=2023, visits=45_000)
    html = client.get(center.get_absolute_url()).content.decode()
    assert "<h1>興田市民センター</h1>" in html
    assert "令和3年度から" in html and "興田地区振興会" in html
    assert '<svg class="chart bar-chart" role="img"' in html
    assert "15,000" in html and "900" in html
    assert "34館中2館の数値しかないため、市全体に占める割合は示していません。" in html


def test_a_centre_without_records_says_so(client):
    html = client.get(CivicCenter.objects.get(name="曽慶市民センター").get_absolute_url()).content
    text = html.decode()
    assert "管理の記録はまだ登録されていません。" in text
    assert "利用者数はまだ集計されていません。" in text
    assert "推定" in text  # its certainty is shown
