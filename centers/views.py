"""Public pages of the 市民センター: the list by region, and one page per centre."""

from django.db.models import Sum
from django.shortcuts import get_object_or_404, render

from centers.models import CenterUsage, CivicCenter
from core.cache import cached_public_page
from core.charts import bar_chart
from core.fiscal import current_fiscal_year, wareki_fiscal_year
from councils.models import Region


@cached_public_page
def center_list(request):
    """The centres open this fiscal year, the same ones the year's report counts."""
    year = current_fiscal_year()
    centers = list(CivicCenter.objects.for_listing().open_in(year))
    for center in centers:
        center.period_this_year = center.manager_in(year)
    # Only the centres with a recorded manager say who manages them: the others are counted
    # apart, never taken as 直営 nor as 指定管理.
    recorded = [c for c in centers if c.period_this_year is not None]
    regional = [c for c in recorded if c.period_this_year.is_regional]
    regions = [
        {"region": region, "centers": [c for c in centers if c.region_id == region.pk]}
        for region in Region.objects.all()
    ]
    return render(
        request,
        "centers/center_list.html",
        {
            "regions": regions,
            "fiscal_year": year,
            "total": len(centers),
            "recorded": len(recorded),
            "regional": len(regional),
            "unrecorded": len(centers) - len(recorded),
        },
    )


@cached_public_page
def center_detail(request, slug):
    center = get_object_or_404(CivicCenter.objects.for_listing(), slug=slug)
    usages = list(center.usages.all())
    totals = city_totals([u.fiscal_year for u in usages])
    rows = [
        {
            "usage": usage,
            "city_total": totals.get(usage.fiscal_year),
            "share": _share(usage.visits, totals.get(usage.fiscal_year)),
        }
        for usage in usages
    ]
    chart = bar_chart([(wareki_fiscal_year(u.fiscal_year), u.visits) for u in usages])
    return render(
        request,
        "centers/center_detail.html",
        {
            "center": center,
            "rows": rows,
            "chart": chart,
            "periods": center.management_periods.all(),
        },
    )


def city_totals(years) -> dict[int, int]:
    return dict(
        CenterUsage.objects.filter(fiscal_year__in=years)
        .values_list("fiscal_year")
        .annotate(total=Sum("visits"))
        .values_list("fiscal_year", "total")
    )


def _share(visits, total):
    if not total:
        return None
    return round(visits * 100 / total, 1)
