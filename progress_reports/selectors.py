"""What the 進捗状況報告書 pages and the sitemap ask of the data."""

from core.fiscal import current_fiscal_year
from plans.models import Plan


def report_years() -> list[int]:
    """The plan's years that have begun, newest first."""
    plan = Plan.objects.current()
    if plan is None:
        return []
    last = min(plan.last_fiscal_year, current_fiscal_year())
    return list(range(last, plan.first_fiscal_year - 1, -1))
