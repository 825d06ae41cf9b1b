from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import GuardedHistoryAdmin, JapaneseImportExportMixin
from core.admin_years import (
    FiscalYearFieldsMixin,
    FiscalYearListFilter,
    MissingInYearFilter,
    fiscal_year_column,
)
from indicators.forms import IndicatorForm
from indicators.models import (
    BASELINE_FISCAL_YEAR,
    TARGET_FISCAL_YEAR,
    Indicator,
    IndicatorValue,
)
from indicators.resources import IndicatorValueResource
from indicators.services import ActualSource, actual_delete, actual_set

# The years an actual may have: the baseline's to the target's (indicator_value_year_range).
ACTUAL_YEARS = range(BASELINE_FISCAL_YEAR, TARGET_FISCAL_YEAR + 1)


class ActualYearFilter(FiscalYearListFilter):
    years = ACTUAL_YEARS


class MissingActualFilter(MissingInYearFilter):
    """The indicators with no actual yet (entered or computed) for a chosen year."""

    title = _("この年度の実績が未入力")
    parameter_name = "missing_actual"
    missing_lookup = "values__fiscal_year"
    years = ACTUAL_YEARS


def shown_value(indicator: Indicator, value) -> str | None:
    """A figure as the public pages write it (``Indicator.format_value``)."""
    return None if value is None else indicator.format_value(value)


def save_actual(actual: IndicatorValue, user) -> IndicatorValue:
    """A figure staff saved in the admin: theirs from now on, even if it was computed."""
    return actual_set(
        indicator=actual.indicator,
        fiscal_year=actual.fiscal_year,
        value=actual.value,
        note=actual.note,
        is_sample=actual.is_sample,
        source=ActualSource.STAFF,
        user=user,
    )


def delete_actual(actual: IndicatorValue, user, fiscal_year: int | None = None) -> None:
    actual_delete(
        indicator=actual.indicator,
        fiscal_year=actual.fiscal_year if fiscal_year is None else fiscal_year,
        source=ActualSource.STAFF,
        user=user,
    )


def _as_stored(actual: IndicatorValue) -> bool:
    """True if ``actual`` holds what is stored (compared with the row itself, since an
    earlier version restored from the history comes with a form of that version)."""
    fields = ["value", "note", "is_sample"]
    stored = IndicatorValue.objects.filter(pk=actual.pk).values(*fields).first()
    return stored == {name: getattr(actual, name) for name in fields}


class IndicatorValueInline(FiscalYearFieldsMixin, admin.TabularInline):
    """Saved through ``actual_set()`` by ``IndicatorAdmin.save_formset``."""

    model = IndicatorValue
    fiscal_year_fields = {"fiscal_year": ACTUAL_YEARS}
    extra = 0
    fields = ["fiscal_year", "value", "note", "is_sample", "is_computed"]
    readonly_fields = ["is_computed"]


@admin.register(Indicator)
class IndicatorAdmin(GuardedHistoryAdmin):
    form = IndicatorForm
    list_display = [
        "code",
        "name",
        "baseline_shown",
        "target_shown",
        "next_publication_on",
        "policy",
    ]
    list_display_links = ["code", "name"]
    list_filter = ["policy", MissingActualFilter]
    search_fields = ["code", "name", "name_en"]
    list_select_related = ["policy"]
    inlines = [IndicatorValueInline]
    history_list_display = ["baseline_value", "target_value", "unit"]

    @admin.display(description=_("現状値"), ordering="baseline_value")
    def baseline_shown(self, indicator):
        return shown_value(indicator, indicator.baseline_value)

    @admin.display(description=_("目標値"), ordering="target_value")
    def target_shown(self, indicator):
        return shown_value(indicator, indicator.target_value)

    def save_formset(self, request, form, formset, change):
        if formset.model is not IndicatorValue:
            super().save_formset(request, form, formset, change)
            return
        formset.save(commit=False)  # fills the instances and the lists the change message uses
        for actual in formset.deleted_objects:
            delete_actual(actual, request.user)
        for inline_form in formset.forms:
            if inline_form in formset.deleted_forms or not inline_form.has_changed():
                continue
            actual = inline_form.instance
            previous = inline_form.initial.get("fiscal_year")
            if actual.pk is not None and previous != actual.fiscal_year:
                # The row moved to another year: the figure of the old year goes.
                delete_actual(actual, request.user, fiscal_year=previous)
            actual.pk = save_actual(actual, request.user).pk


@admin.register(IndicatorValue)
class IndicatorValueAdmin(FiscalYearFieldsMixin, JapaneseImportExportMixin, GuardedHistoryAdmin):
    """Every save and delete goes through ``actual_set()`` / ``actual_delete()``."""

    resource_classes = [IndicatorValueResource]
    fiscal_year_fields = {"fiscal_year": ACTUAL_YEARS}
    list_display = [
        "indicator",
        "fiscal_year_wareki",
        "value_shown",
        "is_computed",
        "is_sample",
        "updated_at",
    ]
    list_filter = [ActualYearFilter, "indicator__policy", "is_computed", "is_sample"]
    search_fields = ["indicator__code", "indicator__name", "note"]
    list_select_related = ["indicator"]
    autocomplete_fields = ["indicator"]
    readonly_fields = ["is_computed", "derivation"]
    history_list_display = ["value"]

    fiscal_year_wareki = fiscal_year_column()

    @admin.display(description=_("実績値"), ordering="value")
    def value_shown(self, actual):
        return shown_value(actual.indicator, actual.value)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:  # an actual belongs to its indicator and year; add another instead
            return ["indicator", "fiscal_year", *self.readonly_fields]
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change and _as_stored(obj):
            return  # saved as it was: still computed, if it was
        obj.pk = save_actual(obj, request.user).pk

    def delete_model(self, request, obj):
        delete_actual(obj, request.user)

    def delete_queryset(self, request, queryset):
        for actual in queryset.select_related("indicator"):
            delete_actual(actual, request.user)
