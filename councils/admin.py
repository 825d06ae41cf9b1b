from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from centers.models import ManagementPeriod
from councils.models import CollaborationBody, District, Region
from councils.resources import CollaborationBodyResource
from ichinoseki_kyodo.admin import HTTPS_URL_FIELDS, JapaneseImportExportMixin


class DistrictInline(admin.TabularInline):
    model = District
    extra = 0


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    inlines = [DistrictInline]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "order"]
    list_filter = ["region"]
    search_fields = ["name"]


class ManagedCenterInline(admin.TabularInline):
    """The centres a body manages, as management periods."""

    formfield_overrides = HTTPS_URL_FIELDS

    model = ManagementPeriod
    fk_name = "body"
    extra = 0
    fields = ["center", "kind", "first_fiscal_year", "last_fiscal_year", "source"]
    autocomplete_fields = ["center"]
    verbose_name = _("管理している市民センター")
    verbose_name_plural = _("管理している市民センター")


@admin.register(CollaborationBody)
class CollaborationBodyAdmin(JapaneseImportExportMixin, admin.ModelAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    resource_classes = [CollaborationBodyResource]
    list_display = [
        "name",
        "region",
        "district",
        "founded_fiscal_year",
        "status",
        "certainty",
        "is_sample",
    ]
    list_filter = ["region", "status", "is_sample", "certainty"]
    search_fields = ["name", "kana", "district__name"]
    list_select_related = ["region", "district"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["district"]
    inlines = [ManagedCenterInline]
    fieldsets = [
        (None, {"fields": ["name", "kana", "slug", "region", "district", "status"]}),
        (
            _("設立・解散"),
            {"fields": ["founded_fiscal_year", "founded_note", "dissolved_fiscal_year"]},
        ),
        (
            _("地域づくり計画"),
            {"fields": ["plan_vision", "plan_revised_on", "plan_pdf"]},
        ),
        (_("公開する情報"), {"fields": ["website", "contact", "photo"]}),
        (_("出典と確度"), {"fields": ["source", "certainty", "is_sample"]}),
    ]
