"""Public pages of the indicators: the list with progress, and one page per indicator."""

from django.shortcuts import get_object_or_404, render

from core.cache import cached_public_page
from indicators.charts import indicator_chart
from indicators.derived import explain
from indicators.history import definition_changes, value_changes
from indicators.models import Indicator
from indicators.progress import status_counts
from indicators.selectors import indicator_groups, policies_of


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
