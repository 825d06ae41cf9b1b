"""Public pages of the plan: the dashboard, the 体系図, policies, projects and /about/."""

from django.db.models import Count, OuterRef, Subquery
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from core.cache import cached_public_page
from core.charts import share_rows, stacked_bar
from indicators.derived import VISITS_PER_CAPITA
from indicators.models import Indicator
from indicators.progress import status_counts
from indicators.selectors import indicator_groups
from plans.accessibility import CHECKED_PAGES, CHECKED_PORTAL_PAGES
from plans.history import published_status_changes
from plans.models import (
    ActionStandard,
    BodyRole,
    GlossaryTerm,
    HistoryEntry,
    Project,
    ProjectRole,
    ProjectYearStatus,
)
from plans.selectors import current_plan_or_404, plan_tree

NO_EVALUATION = _("評価なし")


def status_rows(indicators):
    """The indicators by status as bars: each status's share of all ``indicators``."""
    return share_rows(
        [
            (row["status"].name.lower(), row["status"].label, row["count"])
            for row in status_counts(indicators)
        ],
        total=len(indicators),
    )


def evaluation_picture(evaluations, project_count):
    """The projects by their latest published 評価, and those with none published yet.

    ``rows`` draws one small bar per 評価 (the text of every picture), ``bar`` the same
    counts as one stacked bar.
    """
    counts = [(choice, evaluations.count(choice.value)) for choice in ProjectYearStatus.Evaluation]
    unevaluated = project_count - len(evaluations)
    return {
        "project_count": project_count,
        "unevaluated": unevaluated,
        "rows": share_rows(
            [(choice.value.lower(), choice.label, count) for choice, count in counts]
            + [("none", NO_EVALUATION, unevaluated)],
            total=project_count,
        ),
        "bar": stacked_bar(
            [(choice.value.lower(), choice.value, count) for choice, count in counts]
            + [("none", NO_EVALUATION, unevaluated)]
        ),
    }


def policy_states(policies, indicators, latest_statuses):
    """For each policy: its indicators by status and its projects' latest 評価, as pictures.

    Each policy carries ``project_count`` (see ``home``).
    """
    return [
        {
            "policy": policy,
            "status_rows": status_rows([i for i in indicators if i.policy_id == policy.pk]),
            "evaluations": evaluation_picture(
                [s.evaluation for s in latest_statuses if s.project.measure.policy_id == policy.pk],
                policy.project_count,
            ),
        }
        for policy in policies
    ]


@cached_public_page
def home(request):
    plan = current_plan_or_404()
    policies = list(plan.policies.annotate(project_count=Count("measures__projects")))
    indicators = list(Indicator.objects.with_actuals())
    published = list(
        ProjectYearStatus.objects.published()
        .select_related("project__measure")
        .order_by("project__number", "fiscal_year")
    )
    latest_by_project = {status.project_id: status for status in published}
    return render(
        request,
        "plans/home.html",
        {
            "plan": plan,
            "indicator_groups": indicator_groups(indicators, policies),
            "indicator_count": len(indicators),
            "status_counts": status_counts(indicators),
            "status_rows": status_rows(indicators),
            "evaluations": evaluation_picture(
                [s.evaluation for s in latest_by_project.values()],
                sum(policy.project_count for policy in policies),
            ),
            "policy_states": policy_states(policies, indicators, latest_by_project.values()),
            "latest_updates": sorted(published, key=lambda s: s.published_at, reverse=True)[:5],
            "headline": next(
                (i.latest_actual() for i in indicators if i.code == VISITS_PER_CAPITA), None
            ),
        },
    )


def project_filters(params) -> dict:
    """The 体系図's filters from the query string; values it does not know are ignored."""
    allowed = {
        "policy": {"1", "2", "3"},
        "kind": set(Project.Kind.values),
        "evaluation": set(ProjectYearStatus.Evaluation.values),
        "actor": set(ProjectRole.Actor.values),
        "role": set(ProjectRole.Role.values),
    }
    return {key: params.get(key) for key in allowed if params.get(key) in allowed[key]}


def filtered_projects(filters):
    projects = Project.objects.for_overview()
    if "policy" in filters:
        projects = projects.filter(measure__policy__number=filters["policy"])
    if "kind" in filters:
        projects = projects.filter(kind=filters["kind"])
    if "evaluation" in filters:
        latest = ProjectYearStatus.objects.published().filter(project=OuterRef("pk"))
        projects = projects.annotate(
            latest_evaluation=Subquery(latest.order_by("-fiscal_year").values("evaluation")[:1])
        ).filter(latest_evaluation=filters["evaluation"])
    if "actor" in filters:
        roles = ProjectRole.objects.filter(actor=filters["actor"])
        if "role" in filters:
            roles = roles.filter(role=filters["role"])
        projects = projects.filter(pk__in=roles.values("project"))
    return projects


@cached_public_page
def overview(request):
    plan = current_plan_or_404()
    filters = project_filters(request.GET)
    policies = plan_tree(plan, projects=filtered_projects(filters), objectives=False)
    return render(
        request,
        "plans/overview.html",
        {
            "plan": plan,
            "policies": policies,
            "actors": ProjectRole.Actor,
            "filters": filters,
            "choices": {
                "kinds": Project.Kind.choices,
                "evaluations": ProjectYearStatus.Evaluation.choices,
                "actors": ProjectRole.Actor.choices,
                "roles": ProjectRole.Role.choices,
            },
        },
    )


@cached_public_page
def policy_detail(request, number):
    plan = current_plan_or_404()
    policy = get_object_or_404(plan_tree(plan), number=number)
    indicators = list(Indicator.objects.with_actuals().filter(policy=policy))
    return render(
        request,
        "plans/policy_detail.html",
        {"plan": plan, "policy": policy, "indicators": indicators, "actors": ProjectRole.Actor},
    )


@cached_public_page
def project_detail(request, number):
    project = get_object_or_404(
        Project.objects.with_plan_details().select_related("measure__policy__plan"),
        number=number,
    )
    neighbours = Project.objects.filter(number__in=[number - 1, number + 1]).only("number", "title")
    by_number = {p.number: p for p in neighbours}
    return render(
        request,
        "plans/project_detail.html",
        {
            "plan": project.measure.policy.plan,
            "project": project,
            "status_changes": published_status_changes(project),
            "previous_project": by_number.get(number - 1),
            "next_project": by_number.get(number + 1),
        },
    )


@cached_public_page
def about(request):
    plan = current_plan_or_404()
    return render(
        request,
        "plans/about.html",
        {
            "plan": plan,
            "glossary": GlossaryTerm.objects.all(),
            "history": HistoryEntry.objects.all(),
            "body_roles": BodyRole.objects.all(),
            "action_standards": ActionStandard.objects.all(),
        },
    )


@cached_public_page
def accessibility(request):
    return render(
        request,
        "plans/accessibility.html",
        {"pages": CHECKED_PAGES, "portal_pages": CHECKED_PORTAL_PAGES},
    )
