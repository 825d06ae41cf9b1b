"""The home page shows the state of the plan as pictures with their words and numbers."""

import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from core.charts import stacked_bar
from indicators.models import Indicator, IndicatorValue
from indicators.progress import status_counts
from plans.models import Project, ProjectYearStatus

pytestmark = pytest.mark.django_db

ROW = re.compile(
    r'<span class="share-label">(?P<label>[^<]*)</span>\s*'
    r'<svg class="share-bar"[^>]*>(?P<bars>.*?)</svg>\s*'
    r'<span class="share-count">(?P<count>[^<]*)</span>',
    re.S,
)


def rows(html):
    """Each small bar as (word, number as written, its fill's class and length or None)."""
    found = []
    for row in ROW.finditer(html):
        fill = re.search(r'<rect class="(fill-[a-z_]+)" width="([\d.]+)"', row["bars"])
        found.append((row["label"], row["count"], fill and (fill[1], fill[2])))
    return found


def counts(html):
    return [count for _label, count, _fill in rows(html)]


def section(html, start, end):
    return html[html.index(start) : html.index(end, html.index(start))]


def card(html, number):
    return section(html, f'aria-labelledby="policy-{number}"', "</section>")


def record(code, year, value):
    IndicatorValue.objects.create(
        indicator=Indicator.objects.get(code=code), fiscal_year=year, value=Decimal(value)
    )


def evaluate(number, year, evaluation, *, published=True):
    ProjectYearStatus.objects.create(
        project=Project.objects.get(number=number),
        fiscal_year=year,
        evaluation=evaluation,
        is_published=published,
        published_at=timezone.now() if published else None,
    )


@pytest.fixture
def state():
    """One indicator of each judged status and six projects evaluated, some more than once.

    Indicators: 1-1 達成, 1-2 順調, 2-2 遅れ, the other six 未集計. Latest published 評価:
    policy 1 (projects 1–6) B, C, A; policy 2 (7–10) B; policy 3 (11–18) D, B.
    """
    record("1-1", 2024, "10000")  # the target
    record("1-2", 2024, "60")  # well above the line
    record("2-2", 2024, "138")  # still the baseline two years on
    evaluate(1, 2024, "A")
    evaluate(1, 2025, "B")  # the latest counts
    evaluate(2, 2024, "C")
    evaluate(3, 2024, "A")
    evaluate(3, 2025, "D", published=False)  # a draft is not shown
    evaluate(7, 2024, "B")
    evaluate(11, 2024, "D")
    evaluate(12, 2025, "B")


def test_it_draws_the_indicators_by_status_with_their_words_and_counts(client, state):
    html = client.get("/").content.decode()
    pictures = section(html, 'id="state-indicators"', "</section>")
    assert rows(pictures) == [
        ("達成", "1指標", ("fill-achieved", "11.1")),
        ("順調", "1指標", ("fill-on_track", "11.1")),
        ("遅れ", "1指標", ("fill-behind", "11.1")),
        ("未集計", "6指標", ("fill-unrecorded", "66.7")),
    ]


def test_it_draws_the_latest_evaluations_as_one_stacked_bar_with_a_legend(client, state):
    html = client.get("/").content.decode()
    pictures = section(html, 'id="state-projects"', "</section>")
    assert 'role="img" aria-labelledby="evaluations-chart-title"' in pictures
    assert '<title id="evaluations-chart-title">事業の最新の評価の内訳</title>' in pictures
    segments = re.findall(
        r'<rect class="fill-([a-z]+)" x="([\d.]+)%" y="0" width="([\d.]+)%"', pictures
    )
    assert [key for key, _x, _width in segments] == ["a", "b", "c", "d", "none"]
    assert sum(Decimal(width) for _key, _x, width in segments) == 100
    # Labels fit inside their segment on a phone: words and count, or the count alone.
    assert ">B 3</text>" in pictures
    assert ">評価なし 12</text>" in pictures
    assert ">A 1</text>" not in pictures
    # The legend says every segment in words, with the same numbers.
    legend = re.sub(r"<[^>]+>", "", section(pictures, "stacked-legend", "</ul>"))
    for line in ["A 計画どおり：1事業", "B 概ね計画どおり：3事業", "C 遅れている：1事業"]:
        assert line in legend
    assert "D 未着手：1事業" in legend
    assert "18事業のうち12事業は、公開された評価がまだありません。" in legend


def test_the_english_legend_reads_in_english(client, state):
    html = client.get("/en/").content.decode()
    legend = re.sub(r"<[^>]+>", "", section(html, "stacked-legend", "</ul>"))
    assert "A As planned: 1 project" in legend
    assert "B Mostly as planned: 3 projects" in legend
    assert "事業" not in legend and "：" not in legend


def test_each_policy_card_shows_its_own_numbers(client, state):
    html = client.get("/").content.decode()
    assert rows(card(html, 1)) == [
        ("達成", "1指標", ("fill-achieved", "33.3")),
        ("順調", "1指標", ("fill-on_track", "33.3")),
        ("遅れ", "0指標", None),
        ("未集計", "1指標", ("fill-unrecorded", "33.3")),
        ("A 計画どおり", "1事業", ("fill-a", "16.7")),
        ("B 概ね計画どおり", "1事業", ("fill-b", "16.7")),
        ("C 遅れている", "1事業", ("fill-c", "16.7")),
        ("D 未着手", "0事業", None),
        ("評価なし", "3事業", ("fill-none", "50.0")),
    ]
    assert counts(card(html, 2)) == [
        "0指標",
        "0指標",
        "1指標",
        "1指標",
        *["0事業", "1事業", "0事業", "0事業", "3事業"],
    ]
    assert counts(card(html, 3)) == [
        "0指標",
        "0指標",
        "0指標",
        "3指標",
        *["0事業", "1事業", "0事業", "1事業", "6事業"],
    ]


def test_the_cards_are_the_only_place_each_policy_is_counted(client, state):
    html = client.get("/").content.decode()
    assert "基本方針ごとの状況" not in html
    assert html.count('class="share-rows"') == 1 + 3 * 2


def test_before_anything_is_published_it_says_so_without_an_empty_bar(client):
    html = client.get("/").content.decode()
    pictures = section(html, 'id="state-projects"', "</section>")
    assert "公開された評価はまだありません" in pictures
    assert "stacked-bar" not in pictures
    assert rows(section(html, 'id="state-indicators"', "</section>"))[-1] == (
        "未集計",
        "9指標",
        ("fill-unrecorded", "100.0"),
    )
    assert rows(card(html, 3))[-1] == ("評価なし", "8事業", ("fill-none", "100.0"))


def test_progress_bars_take_the_colour_of_the_status_written_beside_them(client, state):
    html = client.get("/").content.decode()
    for code, status, word in [("1-2", "on_track", "順調"), ("2-2", "behind", "遅れ")]:
        row = section(html, f'id="indicator-{code}"', "</tr>")
        assert f'<span class="status-badge status-{status}">{word}</span>' in row
        assert f'class="progress-fill fill-{status}"' in row
    row = section(html, 'id="indicator-1-1"', "</tr>")
    assert '<span class="status-badge status-achieved">達成</span>' in row
    assert 'class="progress-fill fill-achieved" width="100"' in row


def test_the_pictures_count_the_sample_data_as_the_rest_of_the_portal_does(client):
    call_command("load_sample_data", stdout=io.StringIO())
    html = client.get("/").content.decode()
    by_status = status_counts(Indicator.objects.with_actuals())
    assert [
        count for _label, count, _fill in rows(section(html, 'id="state-indicators"', "</section>"))
    ] == [f"{row['count']}指標" for row in by_status]
    latest = {}
    for status in ProjectYearStatus.objects.published().order_by("fiscal_year"):
        latest[status.project_id] = status.evaluation
    legend = re.sub(r"<[^>]+>", "", section(html, "stacked-legend", "</ul>"))
    for choice in ProjectYearStatus.Evaluation:
        assert f"{choice.label}：{list(latest.values()).count(choice.value)}事業" in legend
    if len(latest) < 18:
        assert f"18事業のうち{18 - len(latest)}事業は" in legend


def test_a_stacked_bar_fills_its_width_and_labels_only_what_fits():
    bar = stacked_bar([("a", "A", 1), ("b", "B", 0), ("c", "C", 3), ("none", "評価なし", 14)])
    assert [s["key"] for s in bar["segments"]] == ["a", "c", "none"]
    assert [(s["x"], s["width"]) for s in bar["segments"]] == [
        (0, 5.56),
        (5.56, 16.66),
        (22.22, 77.78),
    ]
    # 5.56% of a 288 px phone bar is 16 px: no room even for the number.
    assert [s["label"] for s in bar["segments"]] == ["", "C 3", "評価なし 14"]
    bar = stacked_bar([("a", "A", 1), ("none", "評価なし", 9)])
    assert [s["label"] for s in bar["segments"]] == ["1", "評価なし 9"]
