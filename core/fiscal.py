"""Fiscal years and their Japanese era (和暦) names.

A fiscal year is stored as the Western year in which it starts: ``2024`` is
令和6年度, April 2024 to March 2025. The era of a fiscal year is the one in force
for most of its calendar year, which is how the city names them (FY2019 is
令和元年度, not 平成31年度).
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import dateformat, timezone
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

# The period of the 3rd plan (令和6〜10年度): schedules, statuses and annual reports fall in it.
PLAN_FIRST_FISCAL_YEAR = 2024
PLAN_LAST_FISCAL_YEAR = 2028

# (first Western year, Japanese name, English initial), newest first.
ERAS = (
    (2019, gettext_noop("令和"), "R"),
    (1989, gettext_noop("平成"), "H"),
    (1926, gettext_noop("昭和"), "S"),
)


def era_of(fiscal_year: int) -> tuple[str, int]:
    """Return the era's name and the year within it, e.g. ``("令和", 6)`` for 2024."""
    for first_year, name, _initial in ERAS:
        if fiscal_year >= first_year:
            return name, fiscal_year - first_year + 1
    raise ValueError(f"no Japanese era is defined for fiscal year {fiscal_year}")


def wareki_year_number(number: int) -> str:
    # The first year of an era is 元年; the English catalogue turns it back into "1".
    return _("元") if number == 1 else str(number)


def wareki_fiscal_year(fiscal_year: int) -> str:
    """``2024`` → 「令和6年度」, ``2019`` → 「令和元年度」."""
    name, number = era_of(fiscal_year)
    return _("%(era)s%(number)s年度") % {"era": _(name), "number": wareki_year_number(number)}


def fiscal_year_label(fiscal_year: int) -> str:
    """``2024`` → 「令和6年度（2024年度）」: the 和暦 with the Western year beside it."""
    return _("%(wareki)s（%(year)s年度）") % {
        "wareki": wareki_fiscal_year(fiscal_year),
        "year": fiscal_year,
    }


# The day each era of ERAS began, in the same order. A date's era changes on that day, a fiscal
# year's with the calendar year: 30 April 2019 is 平成31年, FY2019 is 令和元年度.
ERA_FIRST_DAYS = (date(2019, 5, 1), date(1989, 1, 8), date(1926, 12, 25))


def era_of_date(day: date) -> tuple[str, int]:
    """``("令和", 8)`` for 2 December 2026, ``("平成", 31)`` for 30 April 2019."""
    for first_day, (_first_year, name, _initial) in zip(ERA_FIRST_DAYS, ERAS, strict=True):
        if day >= first_day:
            return name, day.year - first_day.year + 1
    raise ValueError(f"no Japanese era is defined for {day}")


def _local(value: date | datetime | str) -> date | datetime:
    """A date, or a datetime in the portal's time zone; ISO text (as the frozen reports keep
    their times) is read first."""
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            value = datetime.fromisoformat(value)
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _local_day(value: date | datetime | str) -> date:
    """The day of ``value`` in the portal's time zone."""
    day = _local(value)
    return day.date() if isinstance(day, datetime) else day


def _in_english() -> bool:
    return (get_language() or "").startswith("en")


def wareki_date(value: date | datetime | str) -> str:
    """「令和8年12月2日」 (the first year of an era is 元年); on the English site
    "2 December 2026"."""
    day = _local_day(value)
    if _in_english():
        return dateformat.format(day, "j F Y")
    name, number = era_of_date(day)
    # A date's written form, like Django's DATE_FORMAT, rather than a sentence to translate.
    return f"{name}{wareki_year_number(number)}年{day.month}月{day.day}日"


def wareki_month(value: date | datetime | str) -> str:
    """「令和6年3月」; on the English site "March 2024"."""
    day = _local_day(value)
    if _in_english():
        return dateformat.format(day, "F Y")
    name, number = era_of_date(day)
    return f"{name}{wareki_year_number(number)}年{day.month}月"


def wareki_datetime(value: date | datetime | str) -> str:
    """「令和8年12月2日 10:41」 in the portal's time zone; on the English site
    "2 December 2026, 10:41". A date alone is shown as a date."""
    moment = _local(value)
    if not isinstance(moment, datetime):
        return wareki_date(moment)
    if _in_english():
        return f"{wareki_date(moment)}, {dateformat.format(moment, 'H:i')}"
    return f"{wareki_date(moment)} {dateformat.format(moment, 'G:i')}"


def fiscal_year_dates(fiscal_year: int) -> tuple[date, date]:
    """The first and last day of ``fiscal_year`` (1 April to 31 March)."""
    return date(fiscal_year, 4, 1), date(fiscal_year + 1, 3, 31)


def fiscal_year_of(day) -> int:
    """The fiscal year a date falls in: April to March."""
    return day.year if day.month >= 4 else day.year - 1


def is_plan_year(fiscal_year: int) -> bool:
    return PLAN_FIRST_FISCAL_YEAR <= fiscal_year <= PLAN_LAST_FISCAL_YEAR


def check_plan_year(fiscal_year, field="fiscal_year"):
    """Form-side twin of the database's plan-period constraints, with a Japanese message."""
    if fiscal_year is not None and not is_plan_year(fiscal_year):
        raise ValidationError(
            {
                field: _("年度は計画期間（%(first)s〜%(last)s年度）の中で指定してください。")
                % {"first": PLAN_FIRST_FISCAL_YEAR, "last": PLAN_LAST_FISCAL_YEAR}
            }
        )


class PlanYearConverter:
    """``<plan_year:fiscal_year>`` in a URL: a year of the plan, or no page at all (404).

    Every URL that names a fiscal year uses it, so ``/bodies/survey/1/`` or ``/3000/`` is
    answered the same way everywhere instead of reaching a view that cannot show it.
    """

    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if not is_plan_year(year):
            raise ValueError(f"{year} is not a year of the plan")
        return year

    def to_url(self, value) -> str:
        return str(int(value))


def current_fiscal_year() -> int:
    return fiscal_year_of(timezone.localdate())


@dataclass(frozen=True)
class FiscalYearSpan:
    """The fiscal years a row is in force, read from two nullable year fields.

    ``first`` names the field of the first year; empty means "since before the records"
    (in force). ``end`` names the field of the year it ends; empty means it still runs.
    ``end_inclusive`` says whether that year itself still counts: a management period's
    終了年度 does, a body's 解散年度 or a centre's 閉館年度 does not.

    One span answers both for a query (``q``) and for a loaded row (``contains``), so a
    count in SQL and a list filtered in Python never disagree.
    """

    first: str
    end: str
    end_inclusive: bool

    def q(self, fiscal_year, *, prefix: str = "") -> Q:
        """The rows in force in ``fiscal_year`` (a number or an ``F()`` expression)."""
        first, end = prefix + self.first, prefix + self.end
        end_lookup = "gte" if self.end_inclusive else "gt"
        started = Q(**{f"{first}__isnull": True}) | Q(**{f"{first}__lte": fiscal_year})
        running = Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__{end_lookup}": fiscal_year})
        return started & running

    def contains(self, row, fiscal_year: int) -> bool:
        first, end = getattr(row, self.first), getattr(row, self.end)
        if first is not None and first > fiscal_year:
            return False
        if end is None:
            return True
        return end >= fiscal_year if self.end_inclusive else end > fiscal_year
