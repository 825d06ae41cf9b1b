"""Progress of an indicator: the one place where achievement and status are computed.

- Achievement rate = (actual − baseline) / (target − baseline); with no baseline
  (indicator 1-3), actual / target. It works unchanged when the target is lower than the
  baseline, and is ``None`` rather than a division by zero.
- Status compares the rate with a straight line from the baseline year (0) to the target
  year (1): 達成 once the target is reached, 順調 on or above the line, 遅れ below it,
  未集計 without an actual.
"""

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

ZERO = Decimal(0)
ONE = Decimal(1)


class Status(models.TextChoices):
    ACHIEVED = "達成", _("達成")
    ON_TRACK = "順調", _("順調")
    BEHIND = "遅れ", _("遅れ")
    UNRECORDED = "未集計", _("未集計")


def achievement_rate(*, baseline, target, actual) -> Decimal | None:
    if actual is None:
        return None
    if baseline is None:
        return None if target == 0 else Decimal(actual) / Decimal(target)
    if target == baseline:
        return None
    return (Decimal(actual) - Decimal(baseline)) / (Decimal(target) - Decimal(baseline))


def expected_rate(*, fiscal_year: int, baseline_year: int, target_year: int) -> Decimal:
    """How far along the straight line from baseline to target a year is, from 0 to 1."""
    share = Decimal(fiscal_year - baseline_year) / Decimal(target_year - baseline_year)
    return min(max(share, ZERO), ONE)


def target_reached(*, baseline, target, actual) -> bool:
    lower_is_better = baseline is not None and target < baseline
    return actual <= target if lower_is_better else actual >= target


def status_of(
    *, baseline, target, actual, fiscal_year: int, baseline_year: int, target_year: int
) -> Status:
    if actual is None:
        return Status.UNRECORDED
    if target_reached(baseline=baseline, target=target, actual=actual):
        return Status.ACHIEVED
    rate = achievement_rate(baseline=baseline, target=target, actual=actual)
    if rate is None:
        return Status.BEHIND
    expected = expected_rate(
        fiscal_year=fiscal_year, baseline_year=baseline_year, target_year=target_year
    )
    return Status.ON_TRACK if rate >= expected else Status.BEHIND


@dataclass(frozen=True)
class Progress:
    status: Status
    fiscal_year: int | None = None
    value: Decimal | None = None
    rate: Decimal | None = None
    expected: Decimal | None = None

    @property
    def percent(self) -> int | None:
        """The achievement rate in whole percent, as shown beside the bar."""
        return None if self.rate is None else int((self.rate * 100).to_integral_value())

    @property
    def bar_percent(self) -> int:
        """The bar's filled share, kept between 0 and 100."""
        return 0 if self.percent is None else min(max(self.percent, 0), 100)


def assess(indicator, actual) -> Progress:
    """The progress of ``indicator`` given one of its IndicatorValue rows (or None)."""
    if actual is None:
        return Progress(status=Status.UNRECORDED)
    common = {
        "baseline": indicator.baseline_value,
        "target": indicator.target_value,
        "actual": actual.value,
    }
    return Progress(
        status=status_of(
            **common,
            fiscal_year=actual.fiscal_year,
            baseline_year=indicator.baseline_fiscal_year,
            target_year=indicator.target_fiscal_year,
        ),
        fiscal_year=actual.fiscal_year,
        value=actual.value,
        rate=achievement_rate(**common),
        expected=expected_rate(
            fiscal_year=actual.fiscal_year,
            baseline_year=indicator.baseline_fiscal_year,
            target_year=indicator.target_fiscal_year,
        ),
    )


def progress_in(indicator, year: int | None = None) -> Progress:
    """The progress of ``indicator`` from its latest actual up to ``year`` (all of them
    when ``year`` is None), read from its prefetched ``values``."""
    actuals = [a for a in indicator.actuals() if year is None or a.fiscal_year <= year]
    return assess(indicator, actuals[-1] if actuals else None)


def status_counts(indicators, year: int | None = None) -> list[dict]:
    """How many indicators are 達成 / 順調 / 遅れ / 未集計, in that order, as of ``year``.

    Each item is an Indicator (with its actuals prefetched, e.g. ``with_actuals()``),
    assessed on its latest actual up to ``year``; or a status already assessed (a
    ``Status`` or its value, as a frozen 進捗状況報告書 keeps it), counted as it is. The
    home page, ``/indicators/`` and the report all count through here.
    """
    counts = Counter(
        Status(item) if isinstance(item, str) else progress_in(item, year).status
        for item in indicators
    )
    return [{"status": status, "count": counts.get(status, 0)} for status in Status]
