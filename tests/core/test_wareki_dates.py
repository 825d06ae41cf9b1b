"""Dates and times as people read them: 「令和8年12月2日 10:41」, on /en/ "2 December 2026, 10:41"."""

import re
from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from core.fiscal import era_of_date, wareki_date, wareki_datetime


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 12, 2), "令和8年12月2日"),
        (date(2019, 4, 30), "平成31年4月30日"),
        (date(2019, 5, 1), "令和元年5月1日"),
        (date(2020, 1, 1), "令和2年1月1日"),
        (date(1989, 1, 7), "昭和64年1月7日"),
        (date(1989, 1, 8), "平成元年1月8日"),
    ],
)
def test_a_date_is_named_in_the_era_of_that_day(day, expected):
    assert wareki_date(day) == expected


def test_a_date_before_the_eras_known_is_refused():
    with pytest.raises(ValueError):
        era_of_date(date(1926, 12, 24))


def test_a_moment_is_shown_in_local_time():
    # 15:30 UTC on 30 April 2019 is already 1 May, the first day of 令和, in Japan.
    moment = datetime(2019, 4, 30, 15, 30, tzinfo=UTC)
    assert wareki_datetime(moment) == "令和元年5月1日 0:30"
    assert wareki_date(moment) == "令和元年5月1日"
    assert wareki_datetime(datetime(2026, 12, 2, 1, 41, tzinfo=UTC)) == "令和8年12月2日 10:41"


def test_the_iso_text_of_a_frozen_report_is_read():
    assert wareki_datetime("2026-12-02T10:41:05+09:00") == "令和8年12月2日 10:41"
    assert wareki_date("2026-12-02") == "令和8年12月2日"
    assert wareki_datetime("2026-12-02") == "令和8年12月2日"


def test_the_english_site_writes_dates_in_plain_english():
    with translation.override("en"):
        assert wareki_date(date(2019, 5, 1)) == "1 May 2019"
        assert wareki_datetime(datetime(2026, 12, 2, 1, 41, tzinfo=UTC)) == "2 December 2026, 10:41"


def test_the_filters_leave_an_empty_value_empty():
    template = Template("{% load portal %}[{{ a|wareki_date }}|{{ b|wareki_datetime }}]")
    assert template.render(Context({"a": None, "b": ""})) == "[|]"
    day = Template("{% load portal %}{{ a|wareki_date }}").render(Context({"a": date(2019, 4, 30)}))
    assert day == "平成31年4月30日"


@pytest.mark.django_db
def test_the_progress_report_shows_when_it_was_made_as_people_read_it(client):
    html = client.get("/reports/2025/").content.decode()
    assert re.search(r"作成日時：令和\d+年\d+月\d+日 \d+:\d\d<", html)
    assert re.search(r"（令和\d+年\d+月\d+日時点）", html)
    assert not re.search(r"\d{4}-\d\d-\d\d", html.split("<footer")[0].split("<main")[1])
    english = client.get("/en/reports/2025/").content.decode()
    assert re.search(r"\d{1,2} [A-Z][a-z]+ 20\d\d, \d\d:\d\d<", english)
