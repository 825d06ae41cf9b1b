"""Public pages of the plan: the dashboard, the 体系図, policies, projects and /about/."""

from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404, render

from core.cache import cached_public_page
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


def policy_states(policies, indicators, latest_statuses):
    """For each policy: its indicators' status counts and its projects' latest 評価."""
    states = []
    for policy in policies:
        evaluations = [
            s.evaluation for s in latest_statuses if s.project.measure.policy_id == policy.pk
        ]
        states.append(
            {
                "policy": policy,
                "status_counts": status_counts([i for i in indicators if i.policy_id == policy.pk]),
                "evaluation_counts": [
                    {"evaluation": choice, "count": evaluations.count(choice.value)}
                    for choice in ProjectYearStatus.Evaluation
                ],
                "evaluated": len(evaluations),
            }
        )
    return states


@cached_public_page
def home(request):
    plan = current_plan_or_404()
    policies = list(plan.policies.all())
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
            "policies": policies,
            "indicator_groups": indicator_groups(indicators, policies),
            "indicator_count": len(indicators),
            "status_counts": status_counts(indicators),
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
    projects = Project.objects.with_plan_details()
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
    policies = plan_tree(plan, projects=filtered_projects(filters))
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
