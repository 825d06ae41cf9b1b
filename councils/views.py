"""Public pages of the 地域協働体: the registry by region, and one page per body."""

from itertools import groupby
from operator import attrgetter

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render

from core.cache import cached_public_page
from core.fiscal import current_fiscal_year
from core.pagination import page_or_404
from councils.board import survey_aggregates
from councils.models import AnnualReport, CollaborationBody
from plans.selectors import projects_where_bodies_act

# The plan: 「市内33の地域で地域協働体が設立され」.
BODIES_IN_PLAN = 33
# Bodies per page of /bodies/: the city's 33 fit on one, a longer registry is split.
BODIES_PER_PAGE = 40


@cached_public_page
def body_list(request):
    """The bodies active this fiscal year, the same ones the board and 3-3 count, by region
    and a page at a time; the counts are of all of them."""
    year = current_fiscal_year()
    active = CollaborationBody.objects.active_in(year)
    totals = active.aggregate(count=Count("pk"), real_count=Count("pk", filter=Q(is_sample=False)))
    page = page_or_404(
        request,
        CollaborationBody.objects.for_listing().active_in(year).with_managed_periods(),
        per_page=BODIES_PER_PAGE,
        count=totals["count"],
    )
    for body in page:
        body.centers_this_year = body.centers_managed_in(year)
    regions = [
        {"region": region, "bodies": list(bodies)}
        for region, bodies in groupby(page, key=attrgetter("region"))
    ]
    return render(
        request,
        "councils/body_list.html",
        {
            "regions": regions,
            "page": page,
            **totals,
            "in_plan": BODIES_IN_PLAN,
            "fiscal_year": year,
        },
    )


@cached_public_page
def survey_summary(request, fiscal_year):
    """The year's self-assessments and support ratings from accepted reports, each question
    only once ``MIN_BODIES_TO_PUBLISH`` bodies answered it (see ``survey_aggregates``)."""
    return render(
        request,
        "councils/survey.html",
        {**survey_aggregates(fiscal_year, public=True), "fiscal_year": fiscal_year},
    )


@cached_public_page
def body_detail(request, slug):
    body = get_object_or_404(
        CollaborationBody.objects.select_related("region", "district").with_managed_periods(),
        slug=slug,
    )
    reports = (
        AnnualReport.objects.accepted()
        .filter(body=body, publish_activities=True)
        .prefetch_related("activities__role", "activities__photos")
        .order_by("-fiscal_year")
    )
    return render(
        request,
        "councils/body_detail.html",
        {
            "body": body,
            "projects": projects_where_bodies_act(),
            "reports": reports,
        },
    )
