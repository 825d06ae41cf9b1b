from django.contrib.admin.utils import label_for_field, unquote
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import Http404
from django.urls import path
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from core.downloads import csv_response
from core.formats import EXPORT_FORMATS, IMPORT_FORMATS, unreadable_file_message

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
    # The library's page and messages name Python exceptions in English; these say, in
    # Japanese, which row or what about the file is wrong.
    import_template_name = "admin/import_export/portal_import.html"

    def add_data_read_fail_error_to_form(self, form, e):
        form.add_error("import_file", unreadable_file_message(e))

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


class RecordAdminMixin:
    """A record that something else writes (a workflow, a freeze, the mail queue): staff read
    it in the admin and never add or change it; only a superuser may delete one."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class GuardedHistoryAdmin(SimpleHistoryAdmin):
    """The change history of a model, where going back to an earlier version is a change
    like any other.

    django-simple-history's version page saves on POST after checking only the *view*
    permission. Here a revert needs the change permission on the object, and it goes through
    the admin's own form, so its rules (a 変更理由 for published text, the version check)
    apply to it too. Models whose state only a service may change set ``revert_allowed =
    False``: their earlier versions have no page at all, and their history lists only the
    ``history_fields`` (e.g. the workflow's state and dates).
    """

    revert_allowed = True
    history_fields: list[str] | None = None
    object_history_list_template = "admin/history_list.html"

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not self.revert_allowed:
            raise Http404
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if request.method != "POST":
            return super().history_form_view(request, object_id, version_id, extra_context)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        with transaction.atomic():  # one write, like the admin's own change form
            return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        return (
            not self.revert_allowed
            or not self.has_change_permission(request, obj)
            or super().revert_disabled(request, obj)
        )

    def history_view(self, request, object_id, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "versions_have_pages": self.revert_allowed,
            "history_column_labels": [
                label_for_field(name, self.model, self)
                for name in self.get_history_list_display(request)
            ],
        }
        return super().history_view(request, object_id, extra_context)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        if self.history_fields is None:
            return super().set_history_delta_changes(
                request, historical_records, foreign_keys_are_objs
            )
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = previous.diff_against(
                    current,
                    included_fields=self.history_fields,
                    foreign_keys_are_objs=foreign_keys_are_objs,
                )
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current
        return None
