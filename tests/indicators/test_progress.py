"""The progress maths, by example and by property."""

from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from indicators.progress import Status, achievement_rate, expected_rate, status_of

D = Decimal
amounts = st.decimals(min_value=-10_000, max_value=1_000_000, places=2, allow_nan=False)
years = st.integers(min_value=2022, max_value=2028)


def _status(baseline, target, actual, year):
    return status_of(
        baseline=baseline,
        target=target,
        actual=actual,
        fiscal_year=year,
        baseline_year=2022,
        target_year=2028,
    )


@pytest.mark.parametrize(
    ("baseline", "target", "actual", "year", "rate", "status"),
    [
        # 1-1: 7,033 → 10,000 件; half-way in FY2025 is on the line.
        (D(7033), D(10000), D(8516.5), 2025, D("0.5"), Status.ON_TRACK),
        (D(7033), D(10000), D(7500), 2025, None, Status.BEHIND),
        (D(7033), D(10000), D(10500), 2026, None, Status.ACHIEVED),
        # 1-3 has no baseline: actual / target.
        (None, D(90), D(45), 2024, D("0.5"), Status.ON_TRACK),
        (None, D(90), D(10), 2027, None, Status.BEHIND),
        # A target below its baseline: going down is progress.
        (D(100), D(60), D(80), 2025, D("0.5"), Status.ON_TRACK),
        (D(100), D(60), D(95), 2027, None, Status.BEHIND),
        (D(100), D(60), D(55), 2024, None, Status.ACHIEVED),
        # Nothing recorded.
        (D(41), D(61), None, 2024, None, Status.UNRECORDED),
    ],
)
def test_it_computes_rate_and_status(baseline, target, actual, year, rate, status):
    if rate is not None:
        assert achievement_rate(baseline=baseline, target=target, actual=actual) == rate
    assert _status(baseline, target, actual, year) == status


def test_it_never_divides_by_zero():
    assert achievement_rate(baseline=D(5), target=D(5), actual=D(7)) is None
    assert achievement_rate(baseline=None, target=D(0), actual=D(7)) is None
    assert _status(D(5), D(5), D(5), 2024) == Status.ACHIEVED
    assert _status(D(5), D(5), D(4), 2024) == Status.BEHIND


def test_the_straight_line_runs_from_baseline_year_to_target_year():
    assert expected_rate(fiscal_year=2022, baseline_year=2022, target_year=2028) == 0
    assert expected_rate(fiscal_year=2025, baseline_year=2022, target_year=2028) == D("0.5")
    assert expected_rate(fiscal_year=2028, baseline_year=2022, target_year=2028) == 1
    assert expected_rate(fiscal_year=2030, baseline_year=2022, target_year=2028) == 1


@given(baseline=amounts, target=amounts)
def test_the_baseline_is_zero_and_the_target_is_one(baseline, target):
    assume(baseline != target)
    assert achievement_rate(baseline=baseline, target=target, actual=baseline) == 0
    assert achievement_rate(baseline=baseline, target=target, actual=target) == 1


@given(baseline=amounts, target=amounts, actual=amounts, year=years)
def test_a_status_is_always_given_and_achieved_means_reached(baseline, target, actual, year):
    status = _status(baseline, target, actual, year)
    assert status in Status
    reached = actual <= target if target < baseline else actual >= target
    assert (status == Status.ACHIEVED) == reached


@given(baseline=amounts, target=amounts, a=amounts, b=amounts)
def test_moving_towards_the_target_never_lowers_the_rate(baseline, target, a, b):
    assume(baseline != target)
    closer, further = (a, b) if abs(target - a) <= abs(target - b) else (b, a)
    assume((closer - further) * (target - baseline) >= 0)  # same direction as the plan
    rate = lambda x: achievement_rate(baseline=baseline, target=target, actual=x)  # noqa: E731
    assert rate(closer) >= rate(further)


@given(baseline=amounts, target=amounts, actual=amounts, year=years)
def test_flipping_the_direction_keeps_the_status(baseline, target, actual, year):
    """A falling target is the mirror image of a rising one."""
    assume(baseline != target)
    assert _status(baseline, target, actual, year) == _status(-baseline, -target, -actual, year)
