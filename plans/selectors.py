"""Reading the plan for pages and files of any app: the current plan and its tree."""

from django.db.models import Prefetch
from django.http import Http404

from plans.models import Measure, Plan, Project, ProjectRole


def current_plan_or_404() -> Plan:
    plan = Plan.objects.current()
    if plan is None:
        raise Http404("計画が読み込まれていません。")
    return plan


def plan_tree(plan: Plan, *, projects=None, objectives: bool = True):
    """The plan's 基本方針 → 施策 → 事業 in 体系 order, as one prefetched queryset.

    Each policy's ``measures`` come by number with their ``objectives`` (unless
    ``objectives=False``, for a page that does not show them); each measure's
    ``projects`` from ``projects`` (a Project queryset: a filter, or what a page prefetches
    for its year), by default ``Project.objects.with_plan_details()`` (schedule, roles and
    the published statuses). The 体系図, the policy pages, ``/open-data/plan.json`` and the
    進捗状況報告書 all read the plan through it.
    """
    if projects is None:
        projects = Project.objects.with_plan_details()
    measures = Measure.objects.order_by("number")
    if objectives:
        measures = measures.prefetch_related("objectives")
    return plan.policies.order_by("number").prefetch_related(
        Prefetch("measures", queryset=measures),
        Prefetch("measures__projects", queryset=projects.order_by("number")),
    )


def projects_where_bodies_act() -> list[tuple[Project, str]]:
    """The projects in which the 地域協働体 lead (◎) or take part (○), as
    ``[(project, role)]`` in project order: two queries."""
    projects = (
        Project.objects.filter(roles__actor=ProjectRole.Actor.BODIES)
        .prefetch_related("roles")
        .order_by("number")
    )
    return [(project, project.role_of(ProjectRole.Actor.BODIES)) for project in projects]
