"""Public pages of the indicators: the list with progress, and one page per indicator."""

from collections import Counter

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from ichinoseki_kyodo.cache import cached_public_page
from indicators.charts import indicator_chart
from indicators.derived import explain
from indicators.history import definition_changes, value_changes
from indicators.models import Indicator
from indicators.progress import Status


def indicator_groups(indicators, policies):
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


def status_counts(indicators) -> list[dict]:
    """How many indicators are 達成 / 順調 / 遅れ / 未集計, in that order."""
    counts = Counter(indicator.progress.status for indicator in indicators)
    return [{"status": status, "count": counts.get(status, 0)} for status in Status]


def policies_of(indicators):
    return sorted({i.policy for i in indicators if i.policy}, key=lambda p: p.number)


@cached_public_page
def indicator_list(request):
    indicators = list(Indicator.objects.with_actuals())
    return render(
        request,
        "indicators/indicator_list.html",
        {
            "indicator_groups": indicator_groups(indicators, policies_of(indicators)),
            "status_counts": status_counts(indicators),
        },
    )


@cached_public_page
def indicator_detail(request, code):
    indicator = get_object_or_404(Indicator.objects.with_actuals(), code=code)
    actuals = indicator.actuals()
    return render(
        request,
        "indicators/indicator_detail.html",
        {
            "indicator": indicator,
            "actuals": actuals,
            "progress": indicator.progress,
            "chart": indicator_chart(indicator, actuals),
            "last_updated": max((a.updated_at for a in actuals), default=None),
            "derivations": explain(indicator),
            "definition_changes": definition_changes(indicator),
            "value_changes": value_changes(indicator),
        },
    )
