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
from centers.services import check_no_overlap
from ichinoseki_kyodo.admin import HTTPS_URL_FIELDS, JapaneseImportExportMixin
from ichinoseki_kyodo.fiscal import current_fiscal_year, wareki_fiscal_year


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


class ManagementPeriodInline(admin.TabularInline):
    formfield_overrides = HTTPS_URL_FIELDS
    model = ManagementPeriod
    formset = PeriodFormSet
    fk_name = "center"
    extra = 0
    autocomplete_fields = ["body"]


class CenterUsageInline(admin.TabularInline):
    model = CenterUsage
    extra = 0
    fields = ["fiscal_year", "visits", "bookings", "note", "source", "is_sample"]


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


class MissingUsageFilter(admin.SimpleListFilter):
    """Which centres still have no usage figure for a chosen year."""

    title = _("利用者数が未入力の年度")
    parameter_name = "missing_usage"

    def lookups(self, request, model_admin):
        return [
            (str(year), wareki_fiscal_year(year)) for year in range(current_fiscal_year(), 2021, -1)
        ]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        year = int(self.value())
        return queryset.active_in(year).exclude(usages__fiscal_year=year)


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


@admin.register(ManagementPeriod)
class ManagementPeriodAdmin(JapaneseImportExportMixin, admin.ModelAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    resource_classes = [ManagementPeriodResource]
    list_display = ["center", "kind", "manager", "first_fiscal_year", "last_fiscal_year"]
    list_filter = ["kind", "center__region"]
    search_fields = ["center__name", "body__name", "manager_note"]
    list_select_related = ["center", "body"]
    autocomplete_fields = ["center", "body"]

    @admin.display(description=_("管理者"))
    def manager(self, period):
        return period.manager_label


@admin.register(CenterUsage)
class CenterUsageAdmin(JapaneseImportExportMixin, admin.ModelAdmin):
    resource_classes = [CenterUsageResource]
    list_display = ["center", "fiscal_year", "visits", "bookings", "source", "is_sample"]
    list_filter = ["fiscal_year", "source", "center__region", "is_sample"]
    search_fields = ["center__name", "note"]
    list_select_related = ["center"]
    autocomplete_fields = ["center"]


@admin.register(Population)
class PopulationAdmin(JapaneseImportExportMixin, admin.ModelAdmin):
    resource_classes = [PopulationResource]
    list_display = ["fiscal_year", "region", "as_of", "population", "households", "is_sample"]
    list_filter = ["region", "is_sample"]
    list_select_related = ["region"]
