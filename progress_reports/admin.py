from django.contrib import admin

from progress_reports.models import FrozenReport


@admin.register(FrozenReport)
class FrozenReportAdmin(admin.ModelAdmin):
    """Frozen reports are a record: staff see them here; they are made from the report page."""

    list_display = ["__str__", "frozen_at", "frozen_by", "note"]
    fields = ["fiscal_year", "note", "frozen_at", "frozen_by"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def view_on_site(self, obj):
        return obj.get_absolute_url()
