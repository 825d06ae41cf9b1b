from django.contrib import admin

from indicators.models import Indicator, IndicatorValue


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "unit", "baseline_value", "target_value", "policy"]
    list_display_links = ["code", "name"]
    list_filter = ["policy"]
    search_fields = ["code", "name"]
    list_select_related = ["policy"]
    inlines = [IndicatorValueInline]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ["indicator", "fiscal_year", "value"]
    list_filter = ["fiscal_year", "indicator__policy"]
    search_fields = ["indicator__code", "indicator__name", "note"]
    list_select_related = ["indicator"]
    autocomplete_fields = ["indicator"]
