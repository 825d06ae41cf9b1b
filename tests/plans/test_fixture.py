"""The plan data matches the plan text (fixtures/source/…txt) exactly."""

import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from indicators.models import Indicator
from plans.models import (
    ActionStandard,
    BasicPolicy,
    BodyRole,
    GlossaryTerm,
    HistoryEntry,
    Measure,
    MeasureObjective,
    Plan,
    Project,
    ProjectPhase,
    ProjectRole,
)

PLAN_TEXT = (
    Path(__file__).resolve().parents[2] / "fixtures" / "source" / "kyodo-suishin-keikaku-dai3ji.txt"
)
pytestmark = pytest.mark.django_db


def squeeze(text: str) -> str:
    """Drop all white space: the PDF extraction broke lines and words with spaces."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def plan_text():
    return squeeze(PLAN_TEXT.read_text(encoding="utf-8"))


def test_it_loads_every_part_of_the_plan():
    assert Plan.objects.count() == 1
    assert BasicPolicy.objects.count() == 3
    assert Measure.objects.count() == 10
    assert MeasureObjective.objects.count() == 17
    assert Project.objects.count() == 18
    assert ProjectPhase.objects.count() == 18 * 5
    assert ProjectRole.objects.count() == 45
    assert Indicator.objects.count() == 9
    assert GlossaryTerm.objects.count() == 5
    assert HistoryEntry.objects.values("fiscal_year").distinct().count() == 10
    assert BodyRole.objects.count() == 5
    assert ActionStandard.objects.count() == 3


def test_the_plan_itself(plan):
    assert plan.title == "第3次一関市協働推進計画"
    assert plan.slogan == "わっしょい みんなでかつごう いちのせき"
    assert plan.vision == "協働の仕組みが実践される住み良い地域社会を創る"
    assert (plan.first_fiscal_year, plan.last_fiscal_year) == (2024, 2028)


def test_measures_per_policy():
    counts = {p.number: p.measures.count() for p in BasicPolicy.objects.all()}
    assert counts == {1: 3, 2: 2, 3: 5}
    assert [p.title for p in BasicPolicy.objects.all()] == [
        "協働のための人づくり",
        "協働のための環境づくり",
        "協働のための仕組みづくり",
    ]


def test_project_11_is_considered_for_two_years_then_implemented():
    phases = ProjectPhase.objects.filter(project__number=11).order_by("fiscal_year")
    assert [p.phase for p in phases] == ["検討", "検討", "実施", "実施", "実施"]


def test_every_other_project_is_implemented_every_year():
    other = ProjectPhase.objects.exclude(project__number=11)
    assert set(other.values_list("phase", flat=True)) == {"実施"}


def test_project_kinds():
    kinds = {p.number: p.kind for p in Project.objects.all()}
    assert [n for n, k in kinds.items() if k == "拡充"] == [1, 2]
    assert [n for n, k in kinds.items() if k == "新規"] == [3, 4, 6, 7, 10]
    assert len([k for k in kinds.values() if k == "継続"]) == 11


def test_project_7_has_its_short_title_from_the_chart():
    project = Project.objects.get(number=7)
    assert project.title == "市民がつながる交流の場の充実"
    assert project.short_title == "市民が市民とつながる交流の場"
    assert Project.objects.exclude(short_title="").count() == 2


@pytest.mark.parametrize(
    ("number", "roles"),
    [
        (1, ("○", "○", "◎")),
        (4, ("◎", "○", "○")),
        (5, ("", "", "◎")),
        (7, ("○", "◎", "○")),
        (9, ("◎", "", "○")),
        (11, ("", "○", "◎")),
        (18, ("○", "◎", "○")),
    ],
)
def test_roles_of_each_actor(number, roles):
    project = Project.objects.with_plan_details().get(number=number)
    assert tuple(role for _actor, role in project.roles_by_actor()) == roles


@pytest.mark.parametrize(
    ("code", "unit", "baseline", "target"),
    [
        ("0-1", "回／年", Decimal("3.77"), Decimal("4.23")),
        ("1-1", "件", Decimal("7033"), Decimal("10000")),
        ("1-2", "人", Decimal("41"), Decimal("61")),
        ("1-3", "%", None, Decimal("90")),
        ("2-1", "件", Decimal("466"), Decimal("486")),
        ("2-2", "件", Decimal("138"), Decimal("150")),
        ("3-1", "回", Decimal("125"), Decimal("170")),
        ("3-2", "件", Decimal("2335"), Decimal("2500")),
        ("3-3", "件", Decimal("33"), Decimal("34")),
    ],
)
def test_indicator_baselines_and_targets(code, unit, baseline, target):
    indicator = Indicator.objects.get(code=code)
    assert indicator.unit == unit
    assert indicator.baseline_value == baseline
    assert indicator.target_value == target
    assert (indicator.baseline_fiscal_year, indicator.target_fiscal_year) == (2022, 2028)


def test_the_plan_wide_indicator_has_no_policy():
    assert list(Indicator.objects.filter(policy=None).values_list("code", flat=True)) == ["0-1"]


def test_every_text_is_found_in_the_plan(plan_text):
    texts = [
        *(p.title for p in Project.objects.all()),
        *(p.short_title for p in Project.objects.exclude(short_title="")),
        *(line for p in Project.objects.all() for line in p.description_paragraphs),
        *(m.title for m in Measure.objects.all()),
        *(o.text for o in MeasureObjective.objects.all()),
        *(i.name for i in Indicator.objects.all()),
        *(line for i in Indicator.objects.all() for line in i.description.splitlines()),
        *(t.definition for t in GlossaryTerm.objects.all()),
        *(r.title for r in BodyRole.objects.all()),
        *(e for r in BodyRole.objects.all() for e in r.example_list),
        *(s.text for s in ActionStandard.objects.all()),
        *(h.text for h in HistoryEntry.objects.all()),
    ]
    missing = [text for text in texts if squeeze(text) not in plan_text]
    assert missing == []


def test_loading_twice_changes_nothing():
    out = io.StringIO()
    call_command("load_plan", stdout=out)
    assert "変更なし" in out.getvalue()
    assert Project.objects.count() == 18


def test_loading_again_keeps_corrections_staff_made():
    Project.objects.filter(number=1).update(title="修正後の事業名")
    call_command("load_plan", stdout=io.StringIO())
    assert Project.objects.get(number=1).title == "修正後の事業名"


def test_loading_restores_rows_that_are_missing():
    ProjectPhase.objects.filter(project__number=11, fiscal_year=2026).delete()
    out = io.StringIO()
    call_command("load_plan", stdout=out)
    assert "実施年度: 1件を追加" in out.getvalue()
    assert ProjectPhase.objects.get(project__number=11, fiscal_year=2026).phase == "実施"
