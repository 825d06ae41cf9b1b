"""Writes that touch indicators: loading them from the plan fixture."""

from decimal import Decimal

from django.db import transaction

from indicators.models import Indicator
from plans.models import BasicPolicy, Plan
from plans.services import LoadResult, fill_blank


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
        fill_blank(indicator, name_en=item.get("name_en", ""))


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)
