"""The derived indicator computed from centre data: 0-1 市民1人当たりの市民センター利用回数
(see ``indicators.derived``). Registered when the app is ready (``centers.apps``)."""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from centers.models import CenterUsage, CivicCenter, Population
from indicators.derived import VISITS_PER_CAPITA, Derivation, calculation


@calculation(VISITS_PER_CAPITA)
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
