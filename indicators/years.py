"""Why an indicator has no figure for a fiscal year, said the same way on every page.

A year that has ended without a figure is 未集計; the year in progress (年度途中) and the
years still to come (未到来) have no figure yet by their nature and are never described as
counted, nor as zero.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fiscal import current_fiscal_year


class YearGap(models.TextChoices):
    UNRECORDED = "unrecorded", _("未集計")
    IN_PROGRESS = "in_progress", _("年度途中")
    UPCOMING = "upcoming", _("未到来")


def gap_of(fiscal_year: int, *, current_year: int | None = None) -> YearGap:
    """The kind of gap a year without a figure is, seen from ``current_year`` (today's
    fiscal year unless given)."""
    current = current_fiscal_year() if current_year is None else current_year
    if fiscal_year < current:
        return YearGap.UNRECORDED
    if fiscal_year == current:
        return YearGap.IN_PROGRESS
    return YearGap.UPCOMING


def has_ended(fiscal_year: int, *, current_year: int | None = None) -> bool:
    """Whether ``fiscal_year`` is over, seen from ``current_year`` (today's unless given)."""
    return gap_of(fiscal_year, current_year=current_year) is YearGap.UNRECORDED
