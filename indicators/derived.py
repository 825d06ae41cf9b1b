"""Indicators computed from the portal's own data, stored as ordinary actuals.

- ``0-1`` 市民1人当たりの市民センター利用回数 = the visits of all centres open in the year ÷
  the city's population for the year, to 2 decimals; only when every open centre has a
  figure and the population is known (otherwise nothing is stored: 未集計).
- ``2-1`` 地域協働体の活動件数 = the activities in the bodies' accepted annual reports;
  only once the report of every body active that year is accepted.
- ``3-3`` 地域協働体の設立件数 = bodies founded by the end of the year and not dissolved;
  only when every registered body has a founding year.

A figure staff entered themselves (``is_computed=False``) is never overwritten: the
official figure wins. ``refresh_derived_indicators()`` is the one entry point; signals
call it whenever the underlying data changes.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.utils import translation
from django.utils.translation import gettext as _

from ichinoseki_kyodo.fiscal import wareki_fiscal_year
from indicators.models import BASELINE_FISCAL_YEAR, TARGET_FISCAL_YEAR, Indicator, IndicatorValue

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
    from centers.models import CenterUsage, CivicCenter, Population

    centers = list(CivicCenter.objects.values("opened_fiscal_year", "closed_fiscal_year"))
    open_then = (
        Q(center__opened_fiscal_year__isnull=True)
        | Q(center__opened_fiscal_year__lte=F("fiscal_year")),
        Q(center__closed_fiscal_year__isnull=True)
        | Q(center__closed_fiscal_year__gt=F("fiscal_year")),
    )
    # One grouped query: how many open centres reported each year, their visits, and
    # whether any figure is a sample.
    usages = {
        row["fiscal_year"]: row
        for row in CenterUsage.objects.filter(fiscal_year__in=years)
        .filter(*open_then)
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
        active = sum(1 for c in centers if _open_in(c, year))
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


def _open_in(center: dict, year: int) -> bool:
    opened, closed = center["opened_fiscal_year"], center["closed_fiscal_year"]
    return (opened is None or opened <= year) and (closed is None or closed > year)


def bodies_founded(years) -> dict[int, Derivation]:
    """3-3 for each of ``years``, with one query."""
    from councils.models import CollaborationBody

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
        active = [
            body
            for body in bodies
            if body.founded_fiscal_year <= year
            and (body.dissolved_fiscal_year is None or body.dissolved_fiscal_year > year)
        ]
        explanation = _(
            "%(year)s末までに設立され解散していない地域協働体の数（登録 %(total)s団体）"
        ) % {"year": wareki_fiscal_year(year), "total": len(bodies)}
        results[year] = Derivation(
            year, Decimal(len(active)), explanation, any(body.is_sample for body in active)
        )
    return results


def activities_count(years) -> dict[int, Derivation]:
    """2-1 for each of ``years``: activities in accepted reports, once all are accepted."""
    from councils.models import Activity, AnnualReport, CollaborationBody

    bodies = list(CollaborationBody.objects.all())
    accepted = {}
    for report in AnnualReport.objects.accepted().filter(fiscal_year__in=years):
        accepted.setdefault(report.fiscal_year, set()).add(report.body_id)
    counts = {}
    for activity in Activity.objects.filter(
        report__fiscal_year__in=years, report__status=AnnualReport.Status.ACCEPTED
    ).values("report__fiscal_year"):
        year = activity["report__fiscal_year"]
        counts[year] = counts.get(year, 0) + 1
    results = {}
    for year in years:
        active = [body for body in bodies if _body_active_in(body, year)]
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


def _body_active_in(body, year: int) -> bool:
    founded = body.founded_fiscal_year is None or body.founded_fiscal_year <= year
    return founded and (body.dissolved_fiscal_year is None or body.dissolved_fiscal_year > year)


CALCULATIONS = {
    VISITS_PER_CAPITA: visits_per_capita,
    ACTIVITIES: activities_count,
    BODIES_FOUNDED: bodies_founded,
}


@transaction.atomic
def refresh_derived_indicators(*, fiscal_years=None, codes=DERIVED_CODES) -> None:
    """Recompute the derived indicators and store (or withdraw) their computed actuals."""
    years = list(fiscal_years or range(BASELINE_FISCAL_YEAR, TARGET_FISCAL_YEAR + 1))
    # The stored explanation is public data: always in Japanese, whoever triggered it.
    years = [year for year in years if BASELINE_FISCAL_YEAR <= year <= TARGET_FISCAL_YEAR]
    with translation.override("ja"):
        for indicator in Indicator.objects.filter(code__in=codes):
            for derivation in CALCULATIONS[indicator.code](years).values():
                _store(indicator, derivation)


def _store(indicator: Indicator, derivation: Derivation) -> None:
    existing = IndicatorValue.objects.filter(
        indicator=indicator, fiscal_year=derivation.fiscal_year
    ).first()
    if existing is not None and not existing.is_computed:
        return  # an official figure entered by staff wins
    if derivation.value is None:
        if existing is not None:
            existing._change_reason = _("算出の元になるデータが揃わなくなったため削除")
            existing.delete()
        return
    if existing is None:
        existing = IndicatorValue(indicator=indicator, fiscal_year=derivation.fiscal_year)
    elif (
        existing.value == derivation.value
        and existing.derivation == derivation.explanation
        and existing.is_sample == derivation.is_sample
    ):
        return
    existing.value = derivation.value
    existing.derivation = derivation.explanation
    existing.is_computed = True
    existing.is_sample = derivation.is_sample
    existing._change_reason = _("元のデータから算出")
    existing.save()


def explain(indicator: Indicator) -> list[Derivation]:
    """For a derived indicator, how each plan year's value is (or is not yet) computed."""
    calculation = CALCULATIONS.get(indicator.code)
    if calculation is None:
        return []
    years = range(indicator.baseline_fiscal_year, indicator.target_fiscal_year + 1)
    return list(calculation(list(years)).values())
