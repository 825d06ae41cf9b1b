"""A fiscal year in a URL is a year of the plan, or the page does not exist (404)."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from core.fiscal import PlanYearConverter

pytestmark = pytest.mark.django_db

OUTSIDE_THE_PLAN = ["0000", "0001", "1987", "1999", "2023", "2029", "3000", "9999"]
# What the other parts of a year's URL take, so that the year alone decides.
OTHER_PARTS = {"<slug:section>": "assessment", "<int:pk>": "1"}


def _patterns(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.pattern.converters


def year_urls():
    """Every URL with a fiscal year in it, as a template with ``{year}``."""
    urls = []
    for route, converters in _patterns(get_resolver().url_patterns):
        if any(isinstance(c, PlanYearConverter) for c in converters.values()):
            route = route.replace("<plan_year:fiscal_year>", "{year}")
            for part, value in OTHER_PARTS.items():
                route = route.replace(part, value)
            if "<" not in route and not route.startswith("^"):
                urls.append("/" + route.removeprefix("/"))
    return urls


def test_every_url_with_a_year_uses_the_plan_year_rule():
    years_as_numbers = [
        route
        for route, converters in _patterns(get_resolver().url_patterns)
        for name, converter in converters.items()
        if name in ("fiscal_year", "year") and not isinstance(converter, PlanYearConverter)
    ]
    assert years_as_numbers == []
    assert len(year_urls()) >= 6


@pytest.mark.parametrize("year", OUTSIDE_THE_PLAN)
def test_a_year_outside_the_plan_is_not_found_for_anyone(client, city_editor, year):
    for user in (None, city_editor):
        client.logout()
        if user is not None:
            client.force_login(user)
        for url in year_urls():
            response = client.get(url.format(year=year))
            assert response.status_code == 404, url.format(year=year)


def test_each_plan_year_reaches_the_page(client):
    assert client.get("/bodies/survey/2024/").status_code == 200
    assert client.get("/bodies/survey/2028/").status_code == 200
    assert client.get("/reports/2024/").status_code == 200
