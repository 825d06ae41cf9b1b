"""Writes that touch several plan models: loading the plan and its indicators from its
fixture."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.loading import LoadResult, fill_blank
from indicators.models import Indicator
from plans.models import (
    ActionStandard,
    BasicPolicy,
    BodyRole,
    GlossaryTerm,
    HistoryEntry,
    Measure,
    MeasureObjective,
    Plan,
    Project,
    ProjectPhase,
    ProjectRole,
    ProjectYearStatus,
)

SAME_AS_BEFORE = "→"


def resolve_schedule(cells: list[str], *, first_fiscal_year: int) -> dict[int, str]:
    """Turn the plan's schedule row (``["検討", "→", "実施", "→", "→"]``) into phases by year."""
    phases: dict[int, str] = {}
    previous = None
    if not cells:
        raise ValueError("a schedule needs at least one year")
    for offset, cell in enumerate(cells):
        if cell == SAME_AS_BEFORE:
            if previous is None:
                raise ValueError("a schedule cannot start with →")
            cell = previous
        if cell not in ProjectPhase.Phase.values:
            raise ValueError(f"unknown phase {cell!r}")
        phases[first_fiscal_year + offset] = cell
        previous = cell
    return phases


@transaction.atomic
def plan_load(*, data: dict) -> LoadResult:
    """Create whatever part of the plan is missing; never overwrite what is there.

    Running it twice changes nothing, and corrections staff made in the admin survive.
    """
    result = LoadResult()
    plan_data = data["plan"]
    plan, created = Plan.objects.get_or_create(
        first_fiscal_year=plan_data["first_fiscal_year"],
        defaults={
            "title": plan_data["title"],
            "slogan": plan_data["slogan"],
            "vision": plan_data["vision"],
            "last_fiscal_year": plan_data["last_fiscal_year"],
            "adopted_on": plan_data["adopted_on"],
        },
    )
    result.count("計画", created)
    fill_blank(
        plan,
        title_en=plan_data.get("title_en", ""),
        slogan_en=plan_data.get("slogan_en", ""),
        vision_en=plan_data.get("vision_en", ""),
    )

    for policy_data in data["policies"]:
        policy, created = BasicPolicy.objects.get_or_create(
            plan=plan, number=policy_data["number"], defaults={"title": policy_data["title"]}
        )
        result.count("基本方針", created)
        fill_blank(policy, title_en=policy_data.get("title_en", ""))
        for measure_data in policy_data["measures"]:
            _load_measure(policy, measure_data, plan=plan, result=result)

    for term in data["glossary"]:
        _, created = GlossaryTerm.objects.get_or_create(
            number=term["number"],
            defaults={"term": term["term"], "definition": term["definition"], "note": term["note"]},
        )
        result.count("用語の定義", created)

    for year in data["history"]:
        for order, text in enumerate(year["events"], start=1):
            _, created = HistoryEntry.objects.get_or_create(
                fiscal_year=year["fiscal_year"], order=order, defaults={"text": text}
            )
            result.count("主な経過", created)

    for role in data["body_roles"]:
        _, created = BodyRole.objects.get_or_create(
            number=role["number"],
            defaults={"title": role["title"], "examples": "\n".join(role["examples"])},
        )
        result.count("地域協働体の役割", created)

    for standard in data["action_standards"]:
        _, created = ActionStandard.objects.get_or_create(
            number=standard["number"], defaults={"text": standard["text"]}
        )
        result.count("協働の行動基準", created)
    return result


def _load_measure(policy: BasicPolicy, data: dict, *, plan: Plan, result: LoadResult) -> None:
    measure, created = Measure.objects.get_or_create(
        policy=policy, number=data["number"], defaults={"title": data["title"]}
    )
    result.count("施策", created)
    fill_blank(measure, title_en=data.get("title_en", ""))
    for number, text in enumerate(data["objectives"], start=1):
        _, created = MeasureObjective.objects.get_or_create(
            measure=measure, number=number, defaults={"text": text}
        )
        result.count("施策の目標", created)

    for project_data in data["projects"]:
        project, created = Project.objects.get_or_create(
            number=project_data["number"],
            defaults={
                "measure": measure,
                "title": project_data["title"],
                "short_title": project_data["short_title"],
                "kind": project_data["kind"],
                "description": project_data["description"],
            },
        )
        result.count("事業", created)
        fill_blank(project, title_en=project_data.get("title_en", ""))
        schedule = resolve_schedule(
            project_data["schedule"], first_fiscal_year=plan.first_fiscal_year
        )
        if max(schedule) != plan.last_fiscal_year:
            raise ValueError(f"project {project.number}: the schedule must cover the plan period")
        for fiscal_year, phase in schedule.items():
            _, created = ProjectPhase.objects.get_or_create(
                project=project, fiscal_year=fiscal_year, defaults={"phase": phase}
            )
            result.count("実施年度", created)
        for actor, role in project_data["roles"].items():
            if not role:
                continue
            _, created = ProjectRole.objects.get_or_create(
                project=project, actor=actor, defaults={"role": role}
            )
            result.count("取組主体の役割", created)


def status_mark_published(status: ProjectYearStatus, *, published: bool) -> None:
    """Set the publication fields of an unsaved status: the one rule for ``published_at``."""
    status.is_published = published
    if published and status.published_at is None:
        status.published_at = timezone.now()
    if not published:
        status.published_at = None


@transaction.atomic
def statuses_set_published(*, statuses, published: bool, user) -> int:
    """Publish (or withdraw) yearly statuses; returns how many changed.

    Admin actions and imports go through here, so every change is in the history with
    who did it and why.
    """
    changed = 0
    for status in statuses:
        if status.is_published == published:
            continue
        status_mark_published(status, published=published)
        status.updated_by = user
        status._change_reason = _("公開") if published else _("非公開に変更")
        status.save()
        changed += 1
    return changed


@transaction.atomic
def indicators_load(*, data: list[dict], plan: Plan, result: LoadResult) -> None:
    """Create the plan's indicators that are missing; existing ones are left as staff keep them."""
    for item in data:
        policy = None
        if item["policy"] is not None:
            policy = BasicPolicy.objects.get(plan=plan, number=item["policy"])
        indicator, created = Indicator.objects.get_or_create(
            code=item["code"],
            defaults={
                "policy": policy,
                "name": item["name"],
                "unit": item["unit"],
                "decimal_places": item["decimal_places"],
                "baseline_value": _decimal(item["baseline"]),
                "target_value": _decimal(item["target"]),
                "description": item["description"],
            },
        )
        result.count("成果指標", created)
        fill_blank(indicator, name_en=item.get("name_en", ""), unit_en=item.get("unit_en", ""))


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)
