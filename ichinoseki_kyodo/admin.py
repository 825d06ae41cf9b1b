from django.core.exceptions import PermissionDenied
from django.db import models
from django.urls import path
from import_export.admin import ImportExportMixin

from ichinoseki_kyodo.downloads import csv_response
from ichinoseki_kyodo.formats import EXPORT_FORMATS, IMPORT_FORMATS

# Web addresses typed without a scheme are read as https:// (Django 6's default).
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class JapaneseImportExportMixin(ImportExportMixin):
    """Import/export in the admin with the portal's formats and rules, and a blank
    template (the Japanese headers only) to fill in for each import.

    The CSV format detects UTF-8 or cp932 itself, so no encoding is forced here.
    """

    import_formats = IMPORT_FORMATS
    export_formats = EXPORT_FORMATS
    from_encoding = None
    import_export_change_list_template = "admin/import_export/portal_change_list.html"

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "import-template/",
                self.admin_site.admin_view(self.import_template_view),
                name=f"{opts.app_label}_{opts.model_name}_import_template",
            ),
            *super().get_urls(),
        ]

    def import_template_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        resource = self.get_import_resource_classes(request)[0]()
        headers = [f.column_name for f in resource.get_import_fields() if not f.readonly]
        return csv_response(f"{self.model._meta.model_name}-template.csv", headers, [])
