"""The import rules every portal import follows (django-import-export).

- Every cell is read by its widget; all problems of a row are collected per column, in
  Japanese, before anything is written.
- A row whose key (e.g. 指標コード + 年度) appears earlier in the same file is an error.
- One bad row rejects the whole file: see ``import_file()``, used by the admin's twin,
  the ``import`` command and the tests.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import resources
from import_export.fields import Field
from import_export.instance_loaders import BaseInstanceLoader

from core.fiscal import wareki_fiscal_year
from core.formats import unreadable_file_message
from core.slugs import unicode_slug


class KeyedInstanceLoader(BaseInstanceLoader):
    """Finds the existing row for an import row by its key columns, with one query per file."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        self.key_fields = [resource.fields[name] for name in resource.get_import_id_fields()]
        self.instances = {
            tuple(getattr(obj, f.attribute) for f in self.key_fields): obj
            for obj in resource.get_queryset()
        }

    def get_instance(self, row):
        return self.instances.get(tuple(f.clean(row) for f in self.key_fields))


class StrictResource(resources.ModelResource):
    #: Columns a file may leave out; what they hold is then left as it is.
    optional_columns: frozenset[str] = frozenset()

    class Meta:
        abstract = True
        instance_loader_class = KeyedInstanceLoader
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True

    def before_import(self, dataset, **kwargs):
        for widget in self._lookup_widgets():
            widget.reset()
        self._rows_by_key = {}
        headers = dataset.headers or []
        self._absent_columns = self.optional_columns - set(headers)
        required = [f.column_name for f in self._writable_fields()]
        missing = [column for column in required if column not in headers]
        missing = [column for column in missing if column not in self.optional_columns]
        if missing:
            raise ValueError(
                _("必要な列がありません：%(columns)s。見出しの行を確認してください。")
                % {"columns": "、".join(missing)}
            )

    def _writable_fields(self):
        absent = getattr(self, "_absent_columns", frozenset())
        return [
            f for f in self.get_import_fields() if not f.readonly and f.column_name not in absent
        ]

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.column_name in getattr(self, "_absent_columns", frozenset()):
            return
        super().import_field(field, instance, row, is_m2m=is_m2m, **kwargs)

    def _lookup_widgets(self):
        return [f.widget for f in self._writable_fields() if hasattr(f.widget, "reset")]

    def before_import_row(self, row, row_number=None, **kwargs):
        errors = {}
        cleaned = {}
        for import_field in self._writable_fields():
            try:
                cleaned[import_field.attribute] = import_field.clean(row)
            except (ValueError, ValidationError) as error:
                errors[import_field.column_name] = _messages(error)
        if not errors:
            key_fields = [self.fields[name] for name in self.get_import_id_fields()]
            key = tuple(cleaned[f.attribute] for f in key_fields)
            if key in self._rows_by_key:
                columns = "・".join(f.column_name for f in key_fields)
                errors[columns] = [
                    _("%(first)s行目と同じ%(columns)sの行がもう一度あります。")
                    % {"first": sheet_row(self._rows_by_key[key]), "columns": columns}
                ]
            self._rows_by_key.setdefault(key, row_number)
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # Keys are checked above for the file and matched to existing rows by the loader,
        # so the per-row unique queries are not needed; the model's clean() still runs.
        errors = dict(import_validation_errors or {})
        try:
            instance.full_clean(
                exclude=list(errors), validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                errors[self._column_of(name)] = messages
        if errors:
            raise ValidationError(errors)

    def _column_of(self, attribute):
        for resource_field in self._writable_fields():
            if resource_field.attribute == attribute:
                return resource_field.column_name
        return attribute


@dataclass(frozen=True)
class FileColumn:
    """A column an import file may contain."""

    name: str
    required: bool
    widget: object


def file_columns(resource) -> list[FileColumn]:
    """The columns a file for ``resource`` may contain, in the resource's order.

    Read-only columns (written on export only) are left out; a column is required unless
    the resource names it in ``optional_columns``, as ``StrictResource.before_import`` does.
    """
    optional = getattr(resource, "optional_columns", frozenset())
    return [
        FileColumn(name=f.column_name, required=f.column_name not in optional, widget=f.widget)
        for f in resource.get_import_fields()
        if not f.readonly
    ]


def export_only_columns(resource) -> list[str]:
    """The exported columns an import ignores when a file contains them (e.g. 事業名)."""
    importable = {column.name for column in file_columns(resource)}
    return [f.column_name for f in resource.get_export_fields() if f.column_name not in importable]


def fiscal_year_label_field() -> Field:
    """The 「令和6年度」 column beside a row's fiscal year: written on export, never read."""
    return Field(
        column_name="年度（和暦）",
        readonly=True,
        dehydrate_method=lambda row: wareki_fiscal_year(row.fiscal_year),
    )


class SlugFromNameMixin:
    """New rows get their URL name from their name, before they are validated."""

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        if not instance.slug and instance.name:
            instance.slug = unicode_slug(instance.name)


def _messages(error) -> list[str]:
    if isinstance(error, ValidationError):
        return list(error.messages)
    return [str(error)]


def sheet_row(row_number: int) -> int:
    """The row as a spreadsheet numbers it: the heading is row 1, the first data row 2."""
    return row_number + 1


def error_lines(result) -> list[str]:
    """Every problem of an import result as Japanese lines naming row and column."""
    lines = [str(error.error) for error in result.base_errors]
    if lines:
        # A file-level problem (missing columns) makes every row fail the same way.
        return lines
    for invalid in result.invalid_rows:
        for column, messages in invalid.error_dict.items():
            for message in messages:
                lines.append(
                    _("%(row)s行目「%(column)s」：%(message)s")
                    % {"row": sheet_row(invalid.number), "column": column, "message": message}
                )
    for number, errors in result.row_errors():
        for error in errors:
            lines.append(
                _("%(row)s行目：%(message)s") % {"row": sheet_row(number), "message": error.error}
            )
    return lines


@dataclass
class ImportOutcome:
    saved: bool
    errors: list[str] = field(default_factory=list)
    totals: dict = field(default_factory=dict)


def import_file(*, resource, data: bytes, file_format, dry_run: bool = False) -> ImportOutcome:
    """Import a whole file, or nothing of it.

    The file is read and every row validated; if anything is wrong the transaction is
    rolled back and the outcome lists each problem.
    """
    try:
        dataset = file_format.create_dataset(data)
    except Exception as error:  # whatever the parser raises, the file is refused as a whole
        return ImportOutcome(saved=False, errors=[unreadable_file_message(error)])
    result = resource.import_data(
        dataset,
        dry_run=dry_run,
        use_transactions=True,
        rollback_on_validation_errors=True,
        raise_errors=False,
    )
    errors = error_lines(result)
    return ImportOutcome(
        saved=not dry_run and not errors, errors=errors, totals=dict(result.totals)
    )
