"""Public pages come from the cache, and a change shows up at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plans.models import Project, ProjectYearStatus
from plans.services import statuses_set_published

pytestmark = pytest.mark.django_db


def test_a_second_visit_is_served_from_the_cache(client):
    first = client.get("/plan/")
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/plan/")
    assert second.content == first.content
    assert len(queries) == 0


def test_a_published_change_shows_up_at_once(client, city_editor):
    status = ProjectYearStatus.objects.create(
        project=Project.objects.get(number=3), fiscal_year=2024, evaluation="A",
        activities="養成講座を開いた。",
    )  # fmt: skip
    assert "養成講座を開いた。" not in client.get("/plan/projects/3/").content.decode()
    statuses_set_published(statuses=[status], published=True, user=city_editor)
    assert "養成講座を開いた。" in client.get("/plan/projects/3/").content.decode()
    assert "養成講座を開いた。" in client.get("/open-data/project-status.csv").content.decode(
        "utf-8-sig"
    )


def test_languages_are_cached_apart(client):
    assert '<html lang="ja">' in client.get("/about/").content.decode()
    assert '<html lang="en">' in client.get("/en/about/").content.decode()
    assert '<html lang="ja">' in client.get("/about/").content.decode()


def test_security_headers_are_added_to_cached_pages(client):
    client.get("/indicators/")
    response = client.get("/indicators/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
