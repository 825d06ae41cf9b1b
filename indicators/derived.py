"""Indicators computed from the portal's own data, stored as ordinary actuals.

- ``0-1`` 市民1人当たりの市民センター利用回数 = the visits of all centres open in the year ÷
  the city's population for the year, to 2 decimals; only when every open centre has a
  figure and the population is known (otherwise nothing is stored: 未集計).
- ``2-1`` 地域協働体の活動件数 = the activities in the bodies' accepted annual reports;
  only once the report of every body active that year is accepted.
- ``3-3`` 地域協働体の設立件数 = bodies founded by the end of the year and not dissolved;
  only when every registered body has a founding year.

This module only computes. ``indicators.services.refresh_derived_indicators()`` stores
the results through ``actual_set()``, which keeps a figure staff entered
(``is_computed=False``): the official figure wins. Every write of the data behind an
indicator calls that refresh itself (see the README, "Derived indicators").
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from centers.models import CenterUsage, CivicCenter, Population
from councils.models import AnnualReport, CollaborationBody
from ichinoseki_kyodo.fiscal import wareki_fiscal_year
from indicators.models import Indicator

VISITS_PER_CAPITA = "0-1"
ACTIVITIES = "2-1"
BODIES_FOUNDED = "3-3"
DERIVED_CODES = (VISITS_PER_CAPITA, ACTIVITIES, BODIES_FOUNDED)


@dataclass(frozen=True)
class Derivation:
    """The outcome for one indicator and year: a value with its explanation, or why none."""

    fiscal_year: int
    value: Decimal | None
    explanation: str
    is_sample: bool = False


def visits_per_capita(years) -> dict[int, Derivation]:
    """0-1 for each of ``years``, with three queries whatever their number."""
    centers = list(CivicCenter.objects.order_by().only("opened_fiscal_year", "closed_fiscal_year"))
    # One grouped query: how many open centres reported each year, their visits, and
    # whether any figure is a sample.
    usages = {
        row["fiscal_year"]: row
        for row in CenterUsage.objects.of_open_centers()
        .filter(fiscal_year__in=years)
        .values("fiscal_year")
        .annotate(
            reported=Count("pk"),
            visits=Sum("visits"),
            samples=Count("pk", filter=Q(is_sample=True)),
        )
    }
    populations = {
        p.fiscal_year: p for p in Population.objects.filter(fiscal_year__in=years, region=None)
    }
    results = {}
    for year in years:
        active = sum(1 for c in centers if c.is_open_in(year))
        usage = usages.get(year, {"reported": 0, "visits": 0, "samples": 0})
        population = populations.get(year)
        words = {"reported": usage["reported"], "centers": active}
        if not active:
            results[year] = Derivation(year, None, _("市民センターが登録されていません。"))
        elif usage["reported"] < active:
            results[year] = Derivation(
                year, None, _("%(centers)s館中%(reported)s館の利用者数が集計済みです。") % words
            )
        elif population is None:
            results[year] = Derivation(year, None, _("この年度の人口が登録されていません。"))
        else:
            visits = usage["visits"]
            value = (Decimal(visits) / Decimal(population.population)).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP
            )
            explanation = _(
                "%(centers)s館の利用者数の合計 %(visits)s人 ÷ 人口 %(population)s人（%(as_of)s現在）"
            ) % {
                "centers": active,
                "visits": f"{visits:,}",
                "population": f"{population.population:,}",
                "as_of": population.as_of.isoformat(),
            }
            is_sample = population.is_sample or usage["samples"] > 0
            results[year] = Derivation(year, value, explanation, is_sample)
    return results


def bodies_founded(years) -> dict[int, Derivation]:
    """3-3 for each of ``years``, with one query."""
    bodies = list(CollaborationBody.objects.all())
    unknown = [body for body in bodies if body.founded_fiscal_year is None]
    results = {}
    for year in years:
        if not bodies:
            results[year] = Derivation(year, None, _("地域協働体が登録されていません。"))
            continue
        if unknown:
            results[year] = Derivation(
                year,
                None,
                _("%(total)s団体中%(unknown)s団体の設立年度が未登録です。")
                % {"total": len(bodies), "unknown": len(unknown)},
            )
            continue
        active = [body for body in bodies if body.is_active_in(year)]
        explanation = _(
            "%(year)s末までに設立され解散していない地域協働体の数（登録 %(total)s団体）"
        ) % {"year": wareki_fiscal_year(year), "total": len(bodies)}
        results[year] = Derivation(
            year, Decimal(len(active)), explanation, any(body.is_sample for body in active)
        )
    return results


def activities_count(years) -> dict[int, Derivation]:
    """2-1 for each of ``years``: activities in accepted reports, once all are accepted;
    two queries whatever the number of years."""
    bodies = list(CollaborationBody.objects.all())
    accepted = {}
    counts = {}
    # One grouped query: each accepted report of the years with its number of activities.
    for row in (
        AnnualReport.objects.accepted()
        .filter(fiscal_year__in=years)
        .values("fiscal_year", "body_id")
        .annotate(activities=Count("activities"))
        .order_by()
    ):
        accepted.setdefault(row["fiscal_year"], set()).add(row["body_id"])
        counts[row["fiscal_year"]] = counts.get(row["fiscal_year"], 0) + row["activities"]
    results = {}
    for year in years:
        active = [body for body in bodies if body.is_active_in(year)]
        done = [body for body in active if body.pk in accepted.get(year, set())]
        words = {"bodies": len(active), "accepted": len(done)}
        if not active or len(done) < len(active):
            results[year] = Derivation(
                year, None, _("%(bodies)s団体中%(accepted)s団体の報告を受理済みです。") % words
            )
            continue
        results[year] = Derivation(
            year,
            Decimal(counts.get(year, 0)),
            _("受理した%(bodies)s団体の年次報告にある活動の件数") % words,
            any(body.is_sample for body in active),
        )
    return results


CALCULATIONS = {
    VISITS_PER_CAPITA: visits_per_capita,
    ACTIVITIES: activities_count,
    BODIES_FOUNDED: bodies_founded,
}


def explain(indicator: Indicator) -> list[Derivation]:
    """For a derived indicator, how each plan year's value is (or is not yet) computed."""
    calculation = CALCULATIONS.get(indicator.code)
    if calculation is None:
        return []
    years = range(indicator.baseline_fiscal_year, indicator.target_fiscal_year + 1)
    return list(calculation(list(years)).values())
