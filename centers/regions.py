"""The pages of the 8 地域: where a citizen finds the 市民センター and 地域協働体 near home.

``/regions/`` lists the regions with how many centres are open and how many bodies are
active this fiscal year (the same ones ``/centers/`` and ``/bodies/`` show). A region's page
shows its centres (this year's management, the latest recorded usage), its bodies with the
activities of their latest accepted annual report, and the plan's projects the bodies take
part in.
"""

from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, render

from centers.models import CivicCenter
from core.cache import cached_public_page
from core.fiscal import current_fiscal_year
from councils.models import Activity, ActivityPhoto, AnnualReport, CollaborationBody, Region
from plans.models import ProjectRole
from plans.selectors import projects_where_bodies_act

# The activities a region's page shows of each body's latest accepted report; the body's
# own page shows them all.
ACTIVITIES_PER_BODY = 3


def _count(queryset):
    """The number of rows of ``queryset`` in the outer query's region, as a subquery (two
    joined counts would multiply the region's centres by its bodies)."""
    rows = queryset.filter(region=OuterRef("pk")).order_by().values("region")
    return Subquery(rows.annotate(count=Count("pk")).values("count"), output_field=IntegerField())


def regions_with_counts(fiscal_year: int):
    """The regions in the city's order, each with ``center_count`` (open in
    ``fiscal_year``), ``body_count`` (active in it) and its ``districts``: two queries."""
    return Region.objects.annotate(
        center_count=Coalesce(_count(CivicCenter.objects.open_in(fiscal_year)), 0),
        body_count=Coalesce(_count(CollaborationBody.objects.active_in(fiscal_year)), 0),
    ).prefetch_related("districts")


def latest_accepted_reports(bodies) -> dict[int, AnnualReport]:
    """{body id: its latest accepted report} for ``bodies``, in three queries; drafts,
    submitted and returned reports are never read.

    Each report carries ``activity_count`` and ``shown_activities``: its newest
    ``ACTIVITIES_PER_BODY`` activities, only if the body agreed to publish them, each with
    ``photos`` only if it agreed to publish those.
    """
    latest_year = (
        AnnualReport.objects.accepted()
        .filter(body=OuterRef("body"))
        .order_by("-fiscal_year")
        .values("fiscal_year")[:1]
    )
    photos = ActivityPhoto.objects.filter(
        activity__report__status=AnnualReport.Status.ACCEPTED,
        activity__report__publish_photos=True,
    )
    activities = (
        Activity.objects.filter(report__publish_activities=True)
        .select_related("role")
        .prefetch_related(Prefetch("photos", queryset=photos))
        .order_by(F("held_on").desc(nulls_last=True), "-pk")
    )
    reports = (
        AnnualReport.objects.accepted()
        .filter(body__in=bodies, fiscal_year=Subquery(latest_year))
        .annotate(activity_count=Count("activities"))
        .prefetch_related(
            Prefetch(
                "activities",
                queryset=activities[:ACTIVITIES_PER_BODY],
                to_attr="shown_activities",
            )
        )
    )
    return {report.body_id: report for report in reports}


@cached_public_page
def region_list(request):
    year = current_fiscal_year()
    return render(
        request,
        "centers/region_list.html",
        {"regions": regions_with_counts(year), "fiscal_year": year},
    )


@cached_public_page
def region_detail(request, slug):
    region = get_object_or_404(Region, slug=slug)
    year = current_fiscal_year()
    centers = list(CivicCenter.objects.for_listing().open_in(year).filter(region=region))
    for center in centers:
        center.period_this_year = center.manager_in(year)
    bodies = list(CollaborationBody.objects.for_listing().active_in(year).filter(region=region))
    reports = latest_accepted_reports(bodies) if bodies else {}
    for body in bodies:
        body.latest_report = reports.get(body.pk)
    return render(
        request,
        "centers/region_detail.html",
        {
            "region": region,
            "fiscal_year": year,
            "centers": centers,
            "bodies": bodies,
            "projects": projects_where_bodies_act(),
            "bodies_actor": ProjectRole.Actor.BODIES,
        },
    )
