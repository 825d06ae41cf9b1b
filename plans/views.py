"""Public pages of the plan: the dashboard, the 体系図, policies, projects and /about/."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from indicators.models import Indicator
from plans.models import (
    ActionStandard,
    BodyRole,
    GlossaryTerm,
    HistoryEntry,
    Plan,
    Project,
    ProjectRole,
)


def current_plan_or_404() -> Plan:
    plan = Plan.objects.current()
    if plan is None:
        raise Http404("計画が読み込まれていません。")
    return plan


def group_indicators(indicators, policies):
    """The 総合計画 indicator first, then each policy's, as captioned groups for tables."""
    groups = [
        {
            "id": "indicators-plan",
            "caption": _("一関市総合計画の指標"),
            "indicators": [i for i in indicators if i.policy_id is None],
        }
    ]
    for policy in policies:
        groups.append(
            {
                "id": f"indicators-policy-{policy.number}",
                "caption": _("基本方針%(number)s %(title)sの指標")
                % {"number": policy.number, "title": policy.title},
                "indicators": [i for i in indicators if i.policy_id == policy.pk],
            }
        )
    return [group for group in groups if group["indicators"]]


def home(request):
    plan = current_plan_or_404()
    policies = list(plan.policies.all())
    indicators = list(Indicator.objects.with_actuals())
    return render(
        request,
        "plans/home.html",
        {
            "plan": plan,
            "policies": policies,
            "indicator_groups": group_indicators(indicators, policies),
            "indicator_count": len(indicators),
        },
    )


def overview(request):
    plan = current_plan_or_404()
    return render(
        request,
        "plans/overview.html",
        {
            "plan": plan,
            "policies": plan.policies.for_overview(),
            "actors": ProjectRole.Actor,
        },
    )


def policy_detail(request, number):
    plan = current_plan_or_404()
    policy = get_object_or_404(plan.policies.for_overview(), number=number)
    indicators = list(Indicator.objects.with_actuals().filter(policy=policy))
    return render(
        request,
        "plans/policy_detail.html",
        {"plan": plan, "policy": policy, "indicators": indicators, "actors": ProjectRole.Actor},
    )


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
            "previous_project": by_number.get(number - 1),
            "next_project": by_number.get(number + 1),
        },
    )


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
