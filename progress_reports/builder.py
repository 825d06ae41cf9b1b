"""The 進捗状況報告書 of a fiscal year, assembled from the portal's public data.

``build_report`` returns plain data (text, whole numbers, decimals as strings) so that a
report can be frozen as JSON and drawn again, years later, exactly as it was. Only what
citizens may see goes in: published statuses, recorded actuals, accepted reports.
"""

from decimal import Decimal

from django.db.models import Count, Prefetch, Sum
from django.utils import timezone, translation

from centers.models import CivicCenter
from councils.board import survey_aggregates
from councils.models import Activity, AnnualReport, Region
from indicators.models import Indicator, IndicatorValue
from indicators.progress import progress_in
from plans.models import Plan, Project, ProjectYearStatus
from plans.selectors import plan_tree

SCHEMA_VERSION = 1


def build_report(fiscal_year: int) -> dict:
    """Everything the year's report shows, in the plan's 体系 order."""
    with translation.override("ja"):
        plan = Plan.objects.current()
        indicators = _indicators(fiscal_year)
        return {
            "schema_version": SCHEMA_VERSION,
            "fiscal_year": fiscal_year,
            "built_at": timezone.now().isoformat(timespec="seconds"),
            "plan": {
                "title": plan.title,
                "first_fiscal_year": plan.first_fiscal_year,
                "last_fiscal_year": plan.last_fiscal_year,
            },
            "plan_indicators": [i for i in indicators if i["policy"] is None],
            "policies": _policies(plan, fiscal_year, indicators),
            "bodies": _bodies(fiscal_year),
            "centers": _centers(fiscal_year),
        }


def _policies(plan, fiscal_year, indicators) -> list[dict]:
    statuses = ProjectYearStatus.objects.published().filter(fiscal_year=fiscal_year)
    projects = Project.objects.prefetch_related(
        "phases", Prefetch("statuses", queryset=statuses, to_attr="year_statuses")
    )
    policies = plan_tree(plan, projects=projects, objectives=False)
    return [
        {
            "number": policy.number,
            "title": policy.title,
            "title_en": policy.title_en,
            "measures": [
                {
                    "number": measure.number,
                    "title": measure.title,
                    "title_en": measure.title_en,
                    "projects": [_project(p, fiscal_year) for p in measure.projects.all()],
                }
                for measure in policy.measures.all()
            ],
            "indicators": [i for i in indicators if i["policy"] == policy.number],
        }
        for policy in policies
    ]


def _project(project, fiscal_year) -> dict:
    phase = next((p.phase for p in project.phases.all() if p.fiscal_year == fiscal_year), "")
    status = project.year_statuses[0] if project.year_statuses else None
    return {
        "number": project.number,
        "title": project.title,
        "title_en": project.title_en,
        "kind": project.kind,
        "phase": phase,
        "status": None
        if status is None
        else {
            "evaluation": status.evaluation,
            "evaluation_label": str(status.get_evaluation_display()),
            "activities": status.activities,
            "results": status.results,
            "issues": status.issues,
            "direction": status.direction,
            "published_at": status.published_at.isoformat(timespec="seconds"),
            "is_sample": status.is_sample,
        },
    }


def _indicators(fiscal_year) -> list[dict]:
    values = IndicatorValue.objects.filter(fiscal_year__lte=fiscal_year).order_by("fiscal_year")
    indicators = Indicator.objects.select_related("policy").prefetch_related(
        Prefetch("values", queryset=values)
    )
    rows = []
    for indicator in indicators.order_by("code"):
        actuals = indicator.actuals()
        progress = progress_in(indicator, fiscal_year)
        rows.append(
            {
                "code": indicator.code,
                "policy": indicator.policy.number if indicator.policy else None,
                "name": indicator.name,
                "name_en": indicator.name_en,
                "unit": indicator.unit,
                "decimal_places": indicator.decimal_places,
                "baseline_fiscal_year": indicator.baseline_fiscal_year,
                "baseline_value": _figure(indicator.baseline_value),
                "target_fiscal_year": indicator.target_fiscal_year,
                "target_value": _figure(indicator.target_value),
                "actuals": [
                    {
                        "fiscal_year": a.fiscal_year,
                        "value": _figure(a.value),
                        "is_sample": a.is_sample,
                    }
                    for a in actuals
                ],
                "status": progress.status.value,
                "percent": progress.percent,
            }
        )
    return rows


def _bodies(fiscal_year) -> dict:
    aggregates = survey_aggregates(fiscal_year, public=True)
    accepted = AnnualReport.objects.accepted().filter(fiscal_year=fiscal_year)
    activities = (
        Activity.objects.filter(report__in=accepted)
        .values_list("role__number", "role__title")
        .annotate(n=Count("pk"), people=Sum("participants"))
        .order_by("role__number")
    )
    return {
        "rate": aggregates["rate"],
        "responded": aggregates["responded"],
        "total": aggregates["total"],
        "assessments": [
            {"title": block["title"], "items": block["items"], **_withheld(block, aggregates)}
            for block in aggregates["assessment_blocks"]
        ],
        "support": [
            {
                "title": block["title"],
                "items": block["items"],
                "mean": block["mean"],
                **_withheld(block, aggregates),
            }
            for block in aggregates["support_blocks"]
        ],
        "activities": [
            {"role": title or "", "count": count, "participants": people}
            for _number, title, count, people in activities
        ],
    }


def _withheld(block, aggregates) -> dict:
    """``{"withheld_below": 5}`` for a question too few bodies answered to publish (its
    counts are then None), nothing otherwise: a published block keeps the shape it has in
    reports frozen before the rule, which are then compared with today's data unchanged."""
    return {"withheld_below": aggregates["min_bodies"]} if block["withheld"] else {}


def _centers(fiscal_year) -> dict:
    centers = list(CivicCenter.objects.for_listing().open_in(fiscal_year))
    rows = []
    for center in centers:
        period = center.manager_in(fiscal_year)
        usage = center.usage_in(fiscal_year)
        rows.append(
            {
                "region": center.region.name,
                "region_id": center.region_id,
                "name": center.name,
                "kind": period.kind if period else "",
                "manager": str(period.manager_label) if period else "",
                "visits": usage.visits if usage else None,
            }
        )
    regions = []
    for region in Region.objects.all():
        mine = [row for row in rows if row["region_id"] == region.pk]
        if mine:
            regions.append({"name": region.name, **_management_counts(mine)})
    recorded = [row["visits"] for row in rows if row["visits"] is not None]
    return {
        **_management_counts(rows),
        "regions": regions,
        "centers": [{k: v for k, v in row.items() if k != "region_id"} for row in rows],
        "visits": sum(recorded) if recorded else None,
        "visits_recorded": len(recorded),
    }


def _management_counts(rows) -> dict:
    return {
        "total": len(rows),
        "designated": sum(1 for row in rows if row["kind"] == "指定管理"),
        "direct": sum(1 for row in rows if row["kind"] == "直営"),
        "unrecorded": sum(1 for row in rows if not row["kind"]),
    }


def _figure(value: Decimal | None) -> str | None:
    """A figure kept as text, so that JSON holds it exactly."""
    return None if value is None else str(value)


def as_decimal(value) -> Decimal | None:
    """A stored figure back as a Decimal (frozen reports keep them as strings)."""
    return None if value in (None, "") else Decimal(str(value))
