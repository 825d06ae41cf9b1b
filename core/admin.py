import os
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import label_for_field, unquote
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.admin import ImportExportMixin
from import_export.forms import ImportForm
from import_export.results import RowResult
from simple_history.admin import SimpleHistoryAdmin

from core.downloads import csv_response
from core.formats import EXPORT_FORMATS, IMPORT_FORMATS, unreadable_file_message
from core.import_widgets import (
    ChoiceWidget,
    DateWidget,
    DecimalWidget,
    FiscalYearWidget,
    LookupWidget,
    OptionalIntegerWidget,
    YesNoWidget,
)
from core.resources import error_lines, export_only_columns, file_columns

# Web addresses typed without a scheme are read as https:// (Django 6's default).
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class FileImportForm(ImportForm):
    """The import form with one visible field, the file: its format follows from its name
    (``.csv`` → the portal's CSV, ``.xlsx`` → XLSX) instead of a separate choice."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.format_by_extension = {
            file_format().get_extension(): str(index) for index, file_format in enumerate(formats)
        }
        del self.fields["format"]
        field = self.fields["import_file"]
        field.label = gettext_lazy("取り込むファイル")
        field.help_text = gettext_lazy("CSV（.csv）または Excel ブック（.xlsx）")
        field.widget.attrs = {
            "accept": ",".join(f".{extension}" for extension in self.format_by_extension)
        }

    @property
    def media(self):
        # The library's script only guesses the format, which is no longer asked for.
        return forms.Media()

    def clean(self):
        cleaned_data = super().clean()
        import_file = cleaned_data.get("import_file")
        if import_file is None:
            return cleaned_data
        extension = os.path.splitext(import_file.name)[1].lstrip(".").lower()
        if extension not in self.format_by_extension:
            self.add_error(
                "import_file",
                _(
                    "「%(name)s」は取り込めません。CSV（.csv）または Excel ブック（.xlsx）のファイルを選んでください。"
                )
                % {"name": import_file.name},
            )
            return cleaned_data
        cleaned_data["format"] = self.format_by_extension[extension]
        return cleaned_data


@dataclass(frozen=True)
class ImportColumn:
    name: str
    required: bool
    hint: str


@dataclass(frozen=True)
class ImportRules:
    """What the import page tells staff about the files one resource reads."""

    name: str
    columns: list[ImportColumn]
    ignored: list[str]
    keys: list[str]
    year_columns: list[str]


def column_hint(widget) -> str:
    """How a cell of a column is written, from the widget that reads it."""
    if isinstance(widget, FiscalYearWidget):
        return _("年度（例：2024、令和6年度、R6）")
    if isinstance(widget, ChoiceWidget):
        return _("%(allowed)sのいずれか") % {
            "allowed": "・".join(value for value, _label in widget.choices.choices)
        }
    if isinstance(widget, YesNoWidget):
        return _("「はい」または「いいえ」")
    if isinstance(widget, DecimalWidget):
        return _("数値（桁区切りの「,」や全角数字も可）")
    if isinstance(widget, OptionalIntegerWidget):
        return _("0以上の整数（桁区切りの「,」や全角数字も可）")
    if isinstance(widget, DateWidget):
        return _("日付（例：2024-10-01、2024/10/1、2024年10月1日）")
    if isinstance(widget, LookupWidget):
        return _("登録済みの%(column)s") % {"column": widget.column}
    return _("文字")


def import_rules(resource) -> ImportRules:
    columns = file_columns(resource)
    return ImportRules(
        name=resource.get_display_name(),
        columns=[
            ImportColumn(
                name=column.name, required=column.required, hint=column_hint(column.widget)
            )
            for column in columns
        ],
        ignored=export_only_columns(resource),
        keys=[resource.fields[name].column_name for name in resource.get_import_id_fields()],
        year_columns=[
            column.name for column in columns if isinstance(column.widget, FiscalYearWidget)
        ],
    )


class JapaneseImportExportMixin(ImportExportMixin):
    """Import/export in the admin with the portal's formats and rules.

    The import page lists the columns a file may contain (the export-only ones are ignored),
    takes the format from the file's name, links a blank template, previews each row as
    新規 / 更新 / 変更なし, and saves only when staff press 確定.

    The CSV format detects UTF-8 or cp932 itself, so no encoding is forced here.
    """

    import_formats = IMPORT_FORMATS
    export_formats = EXPORT_FORMATS
    from_encoding = None
    import_form_class = FileImportForm
    import_export_change_list_template = "admin/import_export/portal_change_list.html"
    # The library's page and messages name Python exceptions in English; these say, in
    # Japanese, which row or what about the file is wrong.
    import_template_name = "admin/import_export/portal_import.html"

    def has_import_permission(self, request):
        # An import adds rows as well as changing them.
        return super().has_import_permission(request) and self.has_add_permission(request)

    def add_data_read_fail_error_to_form(self, form, e):
        form.add_error("import_file", unreadable_file_message(e))

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "import/template.csv",
                self.admin_site.admin_view(self.import_template_view),
                name=f"{opts.app_label}_{opts.model_name}_import_template",
            ),
            *super().get_urls(),
        ]

    def import_template_view(self, request):
        """A header-only CSV of the columns a file may contain, written as exports are."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        resource = self.get_import_resource_classes(request)[0]()
        headers = [column.name for column in file_columns(resource)]
        return csv_response(f"{self.model._meta.model_name}-template.csv", headers, [])

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        if isinstance(response, TemplateResponse):
            response.context_data.update(self.import_page_context(request))
        return response

    def import_page_context(self, request) -> dict:
        opts = self.model._meta
        return {
            "title": _("%(models)sをファイルから取り込む") % {"models": opts.verbose_name_plural},
            "import_rules": [
                import_rules(resource_class())
                for resource_class in self.get_import_resource_classes(request)
            ],
            "import_template_url": reverse(
                f"admin:{opts.app_label}_{opts.model_name}_import_template",
                current_app=self.admin_site.name,
            ),
        }

    def process_import(self, request, **kwargs):
        try:
            return super().process_import(request, **kwargs)
        except FileNotFoundError:
            # The previewed file is gone: this import was already confirmed (a second click
            # on 確定) or the temporary file was cleared.
            messages.error(
                request,
                _(
                    "確認した取り込みが見つかりません。すでに確定したか、時間がたって消えています。もう一度ファイルを選んでください。"
                ),
            )
            return HttpResponseRedirect(self._import_url())

    def process_dataset(self, dataset, form, request, **kwargs):
        # If the data changed between the preview and 確定 so that a row no longer
        # validates, the whole file is still refused.
        kwargs.setdefault("rollback_on_validation_errors", True)
        return super().process_dataset(dataset, form, request, **kwargs)

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            messages.error(
                request,
                _(
                    "ファイルを取り込めませんでした。確認のあとでデータが変わったため、何も保存していません。もう一度ファイルを選んでください。"
                ),
            )
            for line in error_lines(result):
                messages.error(request, line)
            return HttpResponseRedirect(self._import_url())
        return super().process_result(result, request)

    def add_success_message(self, result, request):
        totals = result.totals
        messages.success(
            request,
            _(
                "ファイルを取り込みました。新規 %(new)s件、更新 %(update)s件、変更なし %(skip)s件です。"
            )
            % {
                "new": totals[RowResult.IMPORT_TYPE_NEW],
                "update": totals[RowResult.IMPORT_TYPE_UPDATE],
                "skip": totals[RowResult.IMPORT_TYPE_SKIP],
            },
        )

    def _import_url(self) -> str:
        opts = self.model._meta
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_import", current_app=self.admin_site.name
        )


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
