"""``/open-data/``: every public table as CSV and JSON, and the whole plan as one JSON."""

from django.http import Http404
from django.shortcuts import render
from django.utils import translation

from core.cache import cached_public_page
from core.downloads import csv_response, json_number, json_response
from indicators.models import Indicator
from opendata.datasets import DATASETS, SCHEMA_VERSION
from plans.models import Project
from plans.selectors import current_plan_or_404, plan_tree

LICENSE = "CC BY 4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/deed.ja"


@cached_public_page
def index(request):
    return render(
        request,
        "opendata/index.html",
        {"plan": current_plan_or_404(), "datasets": DATASETS.values(), "license_url": LICENSE_URL},
    )


def _dataset_or_404(slug):
    try:
        return DATASETS[slug]
    except KeyError:
        raise Http404("そのデータはありません。") from None


@cached_public_page
def dataset_csv(request, slug):
    dataset = _dataset_or_404(slug)
    # Open-data files keep Japanese headers and labels whatever the page language.
    with translation.override("ja"):
        rows = [[_csv_cell(row[c.key]) for c in dataset.columns] for row in dataset.rows()]
        return csv_response(f"{slug}.csv", [c.header for c in dataset.columns], rows)


def _csv_cell(value):
    """Empty (not 0) for 未集計; true/false spelled out."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


@cached_public_page
def dataset_json(request, slug):
    dataset = _dataset_or_404(slug)
    with translation.override("ja"):
        return json_response(
            {
                "schema_version": SCHEMA_VERSION,
                "dataset": dataset.slug,
                "title": str(dataset.title),
                "license": LICENSE,
                "records": list(dataset.rows()),
            }
        )


def project_document(project: Project) -> dict:
    return {
        "number": project.number,
        "title": project.title,
        "short_title": project.display_short_title,
        "kind": project.kind,
        "description": project.description,
        "roles": {actor.value: role for actor, role in project.roles_by_actor()},
        "schedule": {
            str(row["phase"].fiscal_year): row["phase"].phase for row in project.schedule()
        },
        "statuses": [
            {
                "fiscal_year": status.fiscal_year,
                "evaluation": status.evaluation,
                "summary": status.activities,
                "is_sample": status.is_sample,
            }
            for status in project.published_statuses
        ],
    }


def indicator_document(indicator: Indicator) -> dict:
    return {
        "code": indicator.code,
        "policy": indicator.policy.number if indicator.policy else None,
        "name": indicator.name,
        "unit": indicator.unit,
        "baseline": {
            "fiscal_year": indicator.baseline_fiscal_year,
            "value": json_number(indicator.baseline_value),
        },
        "target": {
            "fiscal_year": indicator.target_fiscal_year,
            "value": json_number(indicator.target_value),
        },
        "actuals": [
            {"fiscal_year": v.fiscal_year, "value": json_number(v.value), "is_sample": v.is_sample}
            for v in indicator.actuals()
        ],
    }


def plan_document(plan) -> dict:
    """The whole plan as one JSON document (the shape of ``/open-data/plan.json``).

    Statuses and actuals carry ``is_sample`` as the CSV files' サンプル column does, so that
    sample data is marked in every file it appears in.
    """
    return {
        "schema_version": SCHEMA_VERSION,
        "plan": {
            "title": plan.title,
            "slogan": plan.slogan,
            "vision": plan.vision,
            "first_fiscal_year": plan.first_fiscal_year,
            "last_fiscal_year": plan.last_fiscal_year,
        },
        "policies": [
            {
                "number": policy.number,
                "title": policy.title,
                "measures": [
                    {
                        "number": measure.number,
                        "title": measure.title,
                        "objectives": [o.text for o in measure.objectives.all()],
                        "projects": [project_document(p) for p in measure.projects.all()],
                    }
                    for measure in policy.measures.all()
                ],
            }
            for policy in plan_tree(plan)
        ],
        "indicators": [indicator_document(i) for i in Indicator.objects.with_actuals()],
    }


@cached_public_page
def plan_json(request):
    return json_response(plan_document(current_plan_or_404()))
