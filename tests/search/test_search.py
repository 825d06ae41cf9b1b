import pytest
from django.utils import timezone

from plans.models import Project, ProjectYearStatus

pytestmark = pytest.mark.django_db


def search(client, q):
    return client.get("/search/", {"q": q}).content.decode()


def test_it_finds_projects_indicators_bodies_centres_and_terms(client):
    html = search(client, "市民センター")
    assert "事業18 地域による市民センターの管理" in html
    assert "市民1人当たりの市民センター利用回数" in html
    assert "真柴市民センター" in html
    assert "<h2>事業</h2>" in html and "<h2>成果指標</h2>" in html


def test_kana_and_partial_words_match(client):
    assert "いちのせき市民活動センター年間相談件数" in search(client, "いちのせき")
    assert "真柴まちづくり協議会" in search(client, "真柴")
    assert "補完性の原則" in search(client, "補完")


def test_english_names_are_searched_too(client):
    html = client.get("/en/search/", {"q": "staff bank"}).content.decode()
    assert "市民1人当たりの市民センター利用回数" not in html
    assert "まちづくりスタッフバンク" in html


def test_every_word_must_match(client):
    html = search(client, "職員　研修")  # a full-width space separates words too
    assert "事業5 職員研修の実施" in html
    assert "事業1 " not in html


def test_only_published_statuses_are_searched(client):
    project = Project.objects.get(number=2)
    ProjectYearStatus.objects.create(
        project=project, fiscal_year=2024, evaluation="B", activities="秘密の下書き文"
    )
    assert "秘密の下書き文" not in search(client, "秘密")
    ProjectYearStatus.objects.create(
        project=project, fiscal_year=2025, evaluation="A", activities="公開された交流会",
        is_published=True, published_at=timezone.now(),
    )  # fmt: skip
    assert "公開された交流会" in search(client, "交流会")


def test_nothing_found_and_hostile_queries_are_handled(client):
    html = search(client, "<script>alert(1)</script>")
    assert "<script>alert(1)" not in html
    assert "見つかりませんでした" in html
    assert client.get("/search/", {"q": "x" * 5000}).status_code == 200


def test_search_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        client.get("/search/", {"q": "協働"})
