from django.contrib import admin

from core.admin import RecordAdminMixin
from progress_reports.models import FrozenReport


@admin.register(FrozenReport)
class FrozenReportAdmin(RecordAdminMixin, admin.ModelAdmin):
    """Frozen reports are a record: staff see them here; they are made from the report page."""

    list_display = ["__str__", "frozen_at", "frozen_by", "note"]
    fields = ["fiscal_year", "note", "frozen_at", "frozen_by"]
    readonly_fields = fields

    def view_on_site(self, obj):
        return obj.get_absolute_url()
