from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from centers.models import CenterUsage, CivicCenter, ManagementPeriod, Population
from centers.resources import (
    CenterUsageResource,
    CivicCenterResource,
    ManagementPeriodResource,
    PopulationResource,
)
from centers.services import check_no_overlap, usage_delete, usage_set
from core.admin import HTTPS_URL_FIELDS, JapaneseImportExportMixin
from core.admin_years import (
    FiscalYearFieldsMixin,
    FiscalYearListFilter,
    MissingInYearFilter,
    fiscal_year_column,
)
from core.fiscal import PLAN_LAST_FISCAL_YEAR, current_fiscal_year
from councils.admin import CollaborationBodyAdmin
from councils.models import CollaborationBody
from indicators.derived import VISITS_PER_CAPITA
from indicators.models import BASELINE_FISCAL_YEAR, TARGET_FISCAL_YEAR
from indicators.services import refresh_derived_indicators

STAFF = CenterUsage.Source.STAFF

# Usage and population feed 0-1 (利用者数 per head), whose baseline is FY2022: their years
# are the indicators', so the baseline year's figures can be entered and found as well.
USAGE_YEARS = range(BASELINE_FISCAL_YEAR, TARGET_FISCAL_YEAR + 1)

# Management periods began before the plan and may run past it: from the year the present
# city was formed (2005, 平成17年度) to one five-year term after the plan.
MANAGEMENT_YEARS = range(2005, PLAN_LAST_FISCAL_YEAR + 6)
MANAGEMENT_YEAR_FIELDS = {
    "first_fiscal_year": MANAGEMENT_YEARS,
    "last_fiscal_year": MANAGEMENT_YEARS,
}


def refresh_visits_per_capita():
    """Centres (opening and closing years) and the city's population feed 0-1."""
    refresh_derived_indicators(codes=[VISITS_PER_CAPITA])


def save_usage(usage: CenterUsage, *, refresh: bool = True) -> CenterUsage:
    """A figure staff saved in the admin: theirs from now on, whatever its source was."""
    return usage_set(
        center=usage.center,
        fiscal_year=usage.fiscal_year,
        visits=usage.visits,
        bookings=usage.bookings,
        note=usage.note,
        is_sample=usage.is_sample,
        source=STAFF,
        refresh=refresh,
    )


def save_usage_formset(formset) -> None:
    """Save the usage rows of a centre's page through the service (0-1 is refreshed once by
    the caller)."""
    formset.save(commit=False)  # fills the instances and the lists the change message uses
    for usage in formset.deleted_objects:
        usage_delete(
            center=usage.center, fiscal_year=usage.fiscal_year, source=STAFF, refresh=False
        )
    for form in formset.forms:
        if form in formset.deleted_forms or not form.has_changed():
            continue
        usage = form.instance
        previous = form.initial.get("fiscal_year")
        if usage.pk is not None and previous != usage.fiscal_year:
            # The row moved to another year: the figure of the old year goes.
            usage_delete(center=usage.center, fiscal_year=previous, source=STAFF, refresh=False)
        usage.pk = save_usage(usage, refresh=False).pk


class PeriodFormSet(BaseInlineFormSet):
    """Checks the periods of one centre against each other, not only against the database."""

    def clean(self):
        super().clean()
        periods = [
            form.instance
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        check_no_overlap(periods)


class ManagementPeriodInline(FiscalYearFieldsMixin, admin.TabularInline):
    formfield_overrides = HTTPS_URL_FIELDS
    fiscal_year_fields = MANAGEMENT_YEAR_FIELDS
    model = ManagementPeriod
    formset = PeriodFormSet
    fk_name = "center"
    extra = 0
    autocomplete_fields = ["body"]


class CenterUsageInline(FiscalYearFieldsMixin, admin.TabularInline):
    """Saved through ``usage_set()`` by ``CivicCenterAdmin.save_formset``."""

    model = CenterUsage
    fiscal_year_fields = {"fiscal_year": USAGE_YEARS}
    extra = 0
    fields = ["fiscal_year", "visits", "bookings", "note", "source", "is_sample"]
    readonly_fields = ["source"]


class ManagementKindFilter(admin.SimpleListFilter):
    title = _("今年度の管理の方法")
    parameter_name = "management"

    def lookups(self, request, model_admin):
        return [("指定管理", _("指定管理")), ("直営", _("直営")), ("none", _("記録なし"))]

    def queryset(self, request, queryset):
        covering = ManagementPeriod.objects.covering(current_fiscal_year())
        if self.value() in ("指定管理", "直営"):
            ids = covering.filter(kind=self.value()).values("center_id")
            return queryset.filter(pk__in=ids)
        if self.value() == "none":
            return queryset.exclude(pk__in=covering.values("center_id"))
        return queryset


class UsageYearFilter(FiscalYearListFilter):
    years = USAGE_YEARS


class MissingUsageFilter(MissingInYearFilter):
    """Which centres open in a chosen year still have no usage figure for it."""

    title = _("この年度の利用者数が未入力")
    parameter_name = "missing_usage"
    years = USAGE_YEARS

    def rows_of(self, queryset, year):
        return queryset.open_in(year).exclude(usages__fiscal_year=year)


@admin.register(CivicCenter)
class CivicCenterAdmin(JapaneseImportExportMixin, admin.ModelAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    resource_classes = [CivicCenterResource]
    list_display = ["name", "region", "district", "address", "certainty"]
    list_filter = ["region", ManagementKindFilter, MissingUsageFilter]
    search_fields = ["name", "address", "district__name"]
    list_select_related = ["region", "district"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["district"]
    inlines = [ManagementPeriodInline, CenterUsageInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is CenterUsage:
            save_usage_formset(formset)
        else:
            super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        refresh_visits_per_capita()  # the centre's years and its usage rows, once

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        refresh_visits_per_capita()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        refresh_visits_per_capita()


@admin.register(ManagementPeriod)
class ManagementPeriodAdmin(FiscalYearFieldsMixin, JapaneseImportExportMixin, admin.ModelAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    fiscal_year_fields = MANAGEMENT_YEAR_FIELDS
    resource_classes = [ManagementPeriodResource]
    list_display = ["center", "kind", "manager", "first_year", "last_year"]
    list_filter = ["kind", "center__region"]
    search_fields = ["center__name", "body__name", "manager_note"]
    list_select_related = ["center", "body"]
    autocomplete_fields = ["center", "body"]

    first_year = fiscal_year_column("first_fiscal_year", _("開始年度"))
    last_year = fiscal_year_column("last_fiscal_year", _("終了年度"))

    @admin.display(description=_("管理者"))
    def manager(self, period):
        return period.manager_label


@admin.register(CenterUsage)
class CenterUsageAdmin(FiscalYearFieldsMixin, JapaneseImportExportMixin, admin.ModelAdmin):
    """Every save and delete goes through ``usage_set()`` / ``usage_delete()``."""

    resource_classes = [CenterUsageResource]
    fiscal_year_fields = {"fiscal_year": USAGE_YEARS}
    list_display = ["center", "fiscal_year_wareki", "visits", "bookings", "source", "is_sample"]
    list_filter = [UsageYearFilter, "source", "center__region", "is_sample"]
    search_fields = ["center__name", "note"]
    list_select_related = ["center"]
    autocomplete_fields = ["center"]
    readonly_fields = ["source"]

    fiscal_year_wareki = fiscal_year_column()

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:  # a figure belongs to its centre and year; add another instead
            return ["center", "fiscal_year", *self.readonly_fields]
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change and not form.has_changed():
            return  # saved as it was: still the body's, if it was
        obj.pk = save_usage(obj).pk

    def delete_model(self, request, obj):
        usage_delete(center=obj.center, fiscal_year=obj.fiscal_year, source=STAFF)

    def delete_queryset(self, request, queryset):
        for usage in queryset.select_related("center"):
            usage_delete(
                center=usage.center, fiscal_year=usage.fiscal_year, source=STAFF, refresh=False
            )
        refresh_visits_per_capita()


@admin.register(Population)
class PopulationAdmin(FiscalYearFieldsMixin, JapaneseImportExportMixin, admin.ModelAdmin):
    resource_classes = [PopulationResource]
    fiscal_year_fields = {"fiscal_year": USAGE_YEARS}
    list_display = [
        "fiscal_year_wareki",
        "region",
        "as_of",
        "population",
        "households",
        "is_sample",
    ]
    list_filter = ["region", "is_sample"]
    list_select_related = ["region"]

    fiscal_year_wareki = fiscal_year_column()

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        refresh_visits_per_capita()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        refresh_visits_per_capita()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        refresh_visits_per_capita()


class ManagedCenterInline(FiscalYearFieldsMixin, admin.TabularInline):
    """The centres a body manages, as management periods."""

    formfield_overrides = HTTPS_URL_FIELDS
    fiscal_year_fields = MANAGEMENT_YEAR_FIELDS

    model = ManagementPeriod
    fk_name = "body"
    extra = 0
    fields = ["center", "kind", "first_fiscal_year", "last_fiscal_year", "source"]
    autocomplete_fields = ["center"]
    verbose_name = _("管理している市民センター")
    verbose_name_plural = _("管理している市民センター")


# A body's admin page also lists the centres it manages. Management periods are centre data,
# so this app adds them to the body's admin (``councils`` knows nothing of centres).
admin.site.unregister(CollaborationBody)


@admin.register(CollaborationBody)
class CollaborationBodyWithCentersAdmin(CollaborationBodyAdmin):
    inlines = [ManagedCenterInline, *CollaborationBodyAdmin.inlines]
