"""Public pages of the 市民センター: the list by region, and one page per centre."""

from itertools import groupby
from operator import attrgetter

from django.db.models import Sum
from django.shortcuts import get_object_or_404, render

from centers.models import CenterUsage, CivicCenter
from core.cache import cached_public_page
from core.charts import bar_chart
from core.fiscal import current_fiscal_year, wareki_fiscal_year
from core.pagination import page_or_404

# Centres per page of /centers/: the city's 34 fit on one, a longer list is split.
CENTERS_PER_PAGE = 40


@cached_public_page
def center_list(request):
    """The centres open this fiscal year, the same ones the year's report counts, by region
    and a page at a time; the counts are of all of them."""
    year = current_fiscal_year()
    # Only the centres with a recorded manager say who manages them: the others are counted
    # apart, never taken as 直営 nor as 指定管理.
    counts = CivicCenter.objects.open_in(year).management_counts(year)
    page = page_or_404(
        request,
        CivicCenter.objects.for_listing().open_in(year),
        per_page=CENTERS_PER_PAGE,
        count=counts["total"],
    )
    for center in page:
        center.period_this_year = center.manager_in(year)
    regions = [
        {"region": region, "centers": list(centers)}
        for region, centers in groupby(page, key=attrgetter("region"))
    ]
    return render(
        request,
        "centers/center_list.html",
        {
            "regions": regions,
            "page": page,
            "fiscal_year": year,
            **counts,
            "unrecorded": counts["total"] - counts["recorded"],
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
