from django.contrib import admin

from core.admin import GuardedHistoryAdmin, JapaneseImportExportMixin
from indicators.forms import IndicatorForm
from indicators.models import Indicator, IndicatorValue
from indicators.resources import IndicatorValueResource
from indicators.services import ActualSource, actual_delete, actual_set


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


class IndicatorValueInline(admin.TabularInline):
    """Saved through ``actual_set()`` by ``IndicatorAdmin.save_formset``."""

    model = IndicatorValue
    extra = 0
    fields = ["fiscal_year", "value", "note", "is_sample", "is_computed"]
    readonly_fields = ["is_computed"]


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
class IndicatorValueAdmin(JapaneseImportExportMixin, GuardedHistoryAdmin):
    """Every save and delete goes through ``actual_set()`` / ``actual_delete()``."""

    resource_classes = [IndicatorValueResource]
    list_display = ["indicator", "fiscal_year", "value", "is_computed", "is_sample", "updated_at"]
    list_filter = ["fiscal_year", "indicator__policy", "is_computed", "is_sample"]
    search_fields = ["indicator__code", "indicator__name", "note"]
    list_select_related = ["indicator"]
    autocomplete_fields = ["indicator"]
    readonly_fields = ["is_computed", "derivation"]
    history_list_display = ["value"]

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
