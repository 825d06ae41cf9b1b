"""File formats for imports and exports in Japanese offices (django-import-export).

- CSV import: strict UTF-8 (BOM optional) first, then strict cp932 (Excel's Shift_JIS);
  never a lossy guess. CSV export: UTF-8 with BOM and CRLF, so Excel opens it as is.
- XLSX import and export.
- On export, text a spreadsheet would run as a formula is escaped; on import that one
  added ``'`` is removed again, so an exported file imports back unchanged.
- A file that cannot be read as a whole (binary data, a quote left open, no rows) raises
  ``UnreadableFile`` with a Japanese message; nothing of it is imported.
"""

import csv
import io

import tablib
from django.utils.translation import gettext as _
from import_export.formats import base_formats

from core.downloads import escape_formula, unescape_formula


class UnreadableFile(ValueError):
    pass


# The first bytes of files staff might pick by mistake: XLSX and other ZIPs, old .xls, PDF,
# PNG, JPEG, GIF. Such a file is not "text in an unknown encoding" but no CSV at all.
BINARY_SIGNATURES = (
    b"PK\x03\x04",
    b"\xd0\xcf\x11\xe0",
    b"%PDF",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
)


def unreadable_file_message(error: Exception) -> str:
    """What to tell staff about a file that could not be read."""
    if isinstance(error, UnreadableFile):
        return str(error)
    return _("ファイルを読み取れません。形式（CSV または XLSX）を確認してください。")


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


def unescaped(dataset: tablib.Dataset) -> tablib.Dataset:
    """A copy of an imported ``dataset`` without the ``'`` that ``escaped()`` added."""
    copy = tablib.Dataset(headers=dataset.headers, title=dataset.title)
    for row in dataset:
        copy.append([unescape_formula(cell) for cell in row])
    return copy


def checked(dataset: tablib.Dataset) -> tablib.Dataset:
    """``dataset`` if it has a heading row and at least one row to import."""
    if not any(str(header or "").strip() for header in dataset.headers or []):
        raise UnreadableFile(_("ファイルに見出しの行がありません。"))
    if not len(dataset):
        raise UnreadableFile(_("ファイルに取り込む行がありません。"))
    return dataset


def check_csv(text: str, **kwargs) -> None:
    """Read ``text`` strictly as CSV, naming the spreadsheet row of the first problem.

    A lenient reader would take a quote that is never closed as the start of one long
    value swallowing the rest of the file; here it is an error instead.
    """
    reader = csv.reader(io.StringIO(text), strict=True, **kwargs)
    width = None
    row = 0
    while True:
        row += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise UnreadableFile(_csv_error_message(str(error), row)) from None
        if width is None and cells:
            width = len(cells)
        elif width is not None and len(cells) > width:
            raise UnreadableFile(
                _("%(row)s行目：列の数が見出しの行より多くなっています。") % {"row": row}
            )


def _csv_error_message(error: str, row: int) -> str:
    if "unexpected end of data" in error:
        return _('%(row)s行目：引用符（"）が閉じられていません。') % {"row": row}
    if "expected after" in error:
        return _('%(row)s行目：引用符（"）で囲んだ値の後ろに文字があります。') % {"row": row}
    return _("%(row)s行目：CSV として読み取れません。") % {"row": row}


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
        if isinstance(in_stream, bytes) and in_stream.startswith(BINARY_SIGNATURES):
            raise UnreadableFile(
                _(
                    "CSV として読み取れません。表計算ソフトで CSV（コンマ区切り）の形式で保存したファイルを選んでください。"
                )
            )
        text = decode_text(in_stream, self.encoding if self.encoding else None)
        check_csv(text, **kwargs)
        return unescaped(checked(tablib.import_set(text, format="csv", **kwargs)))

    def export_data(self, dataset, **kwargs):
        text = escaped(dataset).export("csv", **kwargs)
        return ("\ufeff" + text).encode("utf-8")

    def get_content_type(self):
        return "text/csv; charset=utf-8"


class JapaneseXLSX(base_formats.XLSX):
    def create_dataset(self, in_stream):
        try:
            dataset = super().create_dataset(in_stream)
        except Exception:  # openpyxl raises many kinds of error for a file it cannot read
            raise UnreadableFile(
                _(
                    "XLSX ファイルとして読み取れません。Excel で「Excel ブック（.xlsx）」の形式で保存したファイルを選んでください。"
                )
            ) from None
        return unescaped(checked(dataset))

    def export_data(self, dataset, **kwargs):
        return super().export_data(escaped(dataset), **kwargs)


IMPORT_FORMATS = [JapaneseCSV, JapaneseXLSX]
EXPORT_FORMATS = [JapaneseCSV, JapaneseXLSX]
