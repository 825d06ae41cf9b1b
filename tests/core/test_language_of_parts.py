"""On the English pages, the plan content that stays Japanese is marked lang="ja"."""

import pytest
from django.utils import timezone

from plans.models import Project, ProjectYearStatus

pytestmark = pytest.mark.django_db


def test_plan_content_on_english_pages_is_marked_japanese(client):
    ProjectYearStatus.objects.create(
        project=Project.objects.get(number=7), fiscal_year=2024, evaluation="B",
        activities="交流会を開いた。", is_published=True, published_at=timezone.now(),
    )  # fmt: skip
    html = client.get("/en/plan/projects/7/").content.decode()
    assert 'Project 7: <span lang="ja">市民がつながる交流の場の充実</span>' in html
    assert '<span lang="ja">交流会を開いた。</span>' in html
    assert '<span lang="en" class="english-name">' in html


@pytest.mark.parametrize("path", ["/plan/projects/7/", "/indicators/1-1/", "/centers/"])
def test_japanese_pages_need_no_marking(client, path):
    body = client.get(path).content.decode().split("<body", 1)[1]
    assert 'lang="ja"' not in body  # <html lang="ja"> covers the whole page


@pytest.mark.parametrize(
    "path", ["/en/", "/en/plan/", "/en/indicators/", "/en/bodies/", "/en/centers/", "/en/about/"]
)
def test_english_pages_mark_japanese_names(client, path):
    assert '<span lang="ja">' in client.get(path).content.decode()
