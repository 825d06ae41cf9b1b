from django.contrib import admin

from ichinoseki_kyodo.admin import GuardedHistoryAdmin, JapaneseImportExportMixin
from indicators.forms import IndicatorForm
from indicators.models import Indicator, IndicatorValue
from indicators.resources import IndicatorValueResource


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    extra = 0
    fields = ["fiscal_year", "value", "note", "is_sample"]


@admin.register(Indicator)
class IndicatorAdmin(GuardedHistoryAdmin):
    form = IndicatorForm
    list_display = [
        "code",
        "name",
        "unit",
        "baseline_value",
        "target_value",
        "next_publication_on",
        "policy",
    ]
    list_display_links = ["code", "name"]
    list_filter = ["policy"]
    search_fields = ["code", "name", "name_en"]
    list_select_related = ["policy"]
    inlines = [IndicatorValueInline]
    history_list_display = ["baseline_value", "target_value", "unit"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(JapaneseImportExportMixin, GuardedHistoryAdmin):
    resource_classes = [IndicatorValueResource]
    list_display = ["indicator", "fiscal_year", "value", "is_sample", "updated_at"]
    list_filter = ["fiscal_year", "indicator__policy", "is_sample"]
    search_fields = ["indicator__code", "indicator__name", "note"]
    list_select_related = ["indicator"]
    autocomplete_fields = ["indicator"]
    history_list_display = ["value"]
