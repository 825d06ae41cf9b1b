"""The derived indicator computed from centre data: 0-1 市民1人当たりの市民センター利用回数
(see ``indicators.derived``). Registered when the app is ready (``centers.apps``)."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from centers.models import CivicCenter, Population
from indicators.derived import VISITS_PER_CAPITA, Derivation, calculation


@calculation(VISITS_PER_CAPITA)
def visits_per_capita(years) -> dict[int, Derivation]:
    """0-1 for each of ``years``, with two queries whatever their number."""
    coverage = CivicCenter.objects.usage_coverage(years)
    populations = {
        p.fiscal_year: p for p in Population.objects.filter(fiscal_year__in=years, region=None)
    }
    results = {}
    for year in years:
        usage = coverage[year]
        population = populations.get(year)
        words = {"reported": usage.reported, "centers": usage.centers}
        if not usage.centers:
            results[year] = Derivation(year, None, _("市民センターが登録されていません。"))
        elif not usage.is_complete:
            results[year] = Derivation(
                year, None, _("%(centers)s館中%(reported)s館の利用者数が集計済みです。") % words
            )
        elif population is None:
            results[year] = Derivation(year, None, _("この年度の人口が登録されていません。"))
        else:
            visits = usage.visits
            value = (Decimal(visits) / Decimal(population.population)).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP
            )
            explanation = _(
                "%(centers)s館の利用者数の合計 %(visits)s人 ÷ 人口 %(population)s人（%(as_of)s現在）"
            ) % {
                "centers": usage.centers,
                "visits": f"{visits:,}",
                "population": f"{population.population:,}",
                "as_of": population.as_of.isoformat(),
            }
            is_sample = population.is_sample or usage.samples > 0
            results[year] = Derivation(year, value, explanation, is_sample)
    return results
