"""Open data of the plan: ``/open-data/`` and its files."""

from django.shortcuts import render
from django.utils import translation

from ichinoseki_kyodo.downloads import csv_response, json_number, json_response
from ichinoseki_kyodo.fiscal import wareki_fiscal_year
from indicators.models import Indicator
from plans.models import Project, ProjectRole
from plans.views import current_plan_or_404


def index(request):
    return render(request, "plans/open_data.html", {"plan": current_plan_or_404()})


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
            {"fiscal_year": v.fiscal_year, "value": json_number(v.value)}
            for v in indicator.values.all()
        ],
    }


def plan_document(plan) -> dict:
    """The whole plan as one JSON document (the shape of ``/open-data/plan.json``)."""
    return {
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
            for policy in plan.policies.for_overview()
        ],
        "indicators": [indicator_document(i) for i in Indicator.objects.with_actuals()],
    }


def plan_json(request):
    return json_response(plan_document(current_plan_or_404()))


def projects_csv(request):
    # Open-data files keep Japanese headers whatever the page language.
    with translation.override("ja"):
        return _projects_csv(current_plan_or_404())


def _projects_csv(plan):
    years = list(plan.fiscal_years)
    header = [
        "事業番号",
        "事業名",
        "体系図での名称",
        "区分",
        "基本方針番号",
        "基本方針",
        "施策番号",
        "施策",
        "内容",
        *(f"取組主体_{actor.value}" for actor in ProjectRole.Actor),
        *(f"実施区分_{year}年度（{wareki_fiscal_year(year)}）" for year in years),
    ]
    projects = Project.objects.with_plan_details().filter(measure__policy__plan=plan)
    rows = []
    for project in projects:
        schedule = {row["phase"].fiscal_year: row["phase"].phase for row in project.schedule()}
        rows.append(
            [
                project.number,
                project.title,
                project.display_short_title,
                project.kind,
                project.measure.policy.number,
                project.measure.policy.title,
                project.measure.number,
                project.measure.title,
                project.description,
                *(role for _actor, role in project.roles_by_actor()),
                *(schedule.get(year, "") for year in years),
            ]
        )
    return csv_response("projects.csv", header, rows)
