import re

import pytest
from django.utils import timezone

from plans.models import Project, ProjectYearStatus

pytestmark = pytest.mark.django_db


def shown(client, **params):
    html = client.get("/plan/", params).content.decode()
    return sorted({int(n) for n in re.findall(r'href="/plan/projects/(\d+)/"', html)})


def test_without_filters_all_18_projects_are_shown(client):
    assert shown(client) == list(range(1, 19))


def test_filter_by_policy_and_kind(client):
    assert shown(client, policy="1") == [1, 2, 3, 4, 5, 6]
    assert shown(client, kind="拡充") == [1, 2]
    assert shown(client, policy="2", kind="新規") == [7, 10]


def test_what_citizens_can_do(client):
    assert shown(client, actor="市民等", role="◎") == [4, 9]
    led_or_joined = shown(client, actor="市民等")
    assert 5 not in led_or_joined and 11 not in led_or_joined and 4 in led_or_joined


def test_filter_by_the_latest_published_evaluation(client):
    now = timezone.now()
    for number, year, evaluation in [(3, 2024, "C"), (3, 2025, "A"), (8, 2024, "C")]:
        ProjectYearStatus.objects.create(
            project=Project.objects.get(number=number), fiscal_year=year,
            evaluation=evaluation, is_published=True, published_at=now,
        )  # fmt: skip
    assert shown(client, evaluation="C") == [8]
    assert shown(client, evaluation="A") == [3]


def test_unknown_values_are_ignored(client):
    assert shown(client, policy="9", kind="<script>") == list(range(1, 19))
