"""File formats for imports and exports in Japanese offices (django-import-export).

- CSV import: strict UTF-8 (BOM optional) first, then strict cp932 (Excel's Shift_JIS);
  never a lossy guess. CSV export: UTF-8 with BOM and CRLF, so Excel opens it as is.
- XLSX import and export.
- On export, text a spreadsheet would run as a formula is escaped.
"""

import tablib
from django.utils.translation import gettext as _
from import_export.formats import base_formats

from ichinoseki_kyodo.downloads import escape_formula


class UnreadableFile(ValueError):
    pass


def decode_text(data: bytes, encoding: str | None = None) -> str:
    """Decode an uploaded text file: the given encoding, or UTF-8 then cp932, strictly."""
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    candidates = [encoding] if encoding else ["utf-8-sig", "cp932"]
    for candidate in candidates:
        try:
            return data.decode(candidate).removeprefix("\ufeff")
        except (UnicodeDecodeError, LookupError):
            continue
    raise UnreadableFile(
        _(
            "ファイルの文字コードを読み取れません。UTF-8 または Shift_JIS（cp932）で保存してください。"
        )
    )


def escaped(dataset: tablib.Dataset) -> tablib.Dataset:
    """A copy of ``dataset`` whose text cells cannot run as formulas."""
    copy = tablib.Dataset(headers=dataset.headers, title=dataset.title)
    for row in dataset:
        copy.append([escape_formula(cell) for cell in row])
    return copy


class JapaneseCSV(base_formats.CSV):
    """CSV as Japanese offices exchange it."""

    def get_title(self):
        return "csv"

    def is_binary(self):
        # Read the upload as bytes so that the encoding can be detected here.
        return True

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, **kwargs):
        text = decode_text(in_stream, self.encoding if self.encoding else None)
        return tablib.import_set(text, format="csv", **kwargs)

    def export_data(self, dataset, **kwargs):
        text = escaped(dataset).export("csv", **kwargs)
        return ("\ufeff" + text).encode("utf-8")

    def get_content_type(self):
        return "text/csv; charset=utf-8"


class JapaneseXLSX(base_formats.XLSX):
    def export_data(self, dataset, **kwargs):
        return super().export_data(escaped(dataset), **kwargs)


IMPORT_FORMATS = [JapaneseCSV, JapaneseXLSX]
EXPORT_FORMATS = [JapaneseCSV, JapaneseXLSX]
