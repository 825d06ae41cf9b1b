"""Public pages of the 市民センター: the list by region, and one page per centre."""

from itertools import groupby
from operator import attrgetter

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

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
    coverage = CivicCenter.objects.usage_coverage(u.fiscal_year for u in usages)
    rows = [_usage_row(center, usage, coverage[usage.fiscal_year]) for usage in usages]
    chart = bar_chart([(wareki_fiscal_year(u.fiscal_year), u.visits) for u in usages])
    return render(
        request,
        "centers/center_detail.html",
        {
            "center": center,
            "rows": rows,
            "shares_not_shown": [row for row in rows if row["share_not_shown"]],
            "any_from_report": any(row["from_report"] for row in rows),
            "chart": chart,
            "periods": center.management_periods.all(),
        },
    )


def _usage_row(center, usage, coverage) -> dict:
    """A year's figure with the centre's share of the city, or why the share is not shown:
    a share of the figures of a few centres is not a share of the city."""
    share, why_not = coverage.share_of(usage.visits), ""
    if not center.is_open_in(usage.fiscal_year):
        share = None
        why_not = _(
            "この年度は開館している館に含まれないため、市全体に占める割合は示していません。"
        )
    elif not coverage.is_complete:
        why_not = _(
            "%(centers)s館中%(reported)s館の数値しかないため、市全体に占める割合は示していません。"
        ) % {"centers": coverage.centers, "reported": coverage.reported}
    return {
        "usage": usage,
        "share": share,
        "share_not_shown": why_not,
        "from_report": usage.source == CenterUsage.Source.BODY_REPORT,
    }
