"""Responses for open-data downloads: CSV for Excel and JSON without surprises."""

import csv
import io
import json
import re
from decimal import Decimal

from django.http import HttpResponse

# Cells starting with these are run as formulas by spreadsheet programs.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def _needs_escape(text: str) -> bool:
    # Text that already starts with the escape's ' before a formula gets one more, so that
    # unescape_formula() can always tell the added ' from one that was typed.
    rest = text.lstrip("'")
    return rest.startswith(FORMULA_PREFIXES) and not _PLAIN_NUMBER.match(rest)


def escape_formula(value):
    """Keep a text cell from being run as a formula when the file is opened in Excel.

    Signed numbers such as ``-12`` stay as they are: they are data, not formulas.
    """
    if isinstance(value, str) and _needs_escape(value):
        return "'" + value
    return value


def unescape_formula(value):
    """Undo ``escape_formula()`` on a cell read back from a file: drop exactly the one ``'``
    the export added, so that an exported file imports back unchanged."""
    if isinstance(value, str) and value.startswith("'") and _needs_escape(value[1:]):
        return value[1:]
    return value


def csv_response(filename: str, header: list[str], rows) -> HttpResponse:
    """A CSV download Excel opens correctly: UTF-8 with BOM, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([escape_formula(cell) for cell in row])
    response = HttpResponse(
        ("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def json_number(value: Decimal | None):
    """A Decimal as a JSON number: ``7033`` stays an integer, ``3.77`` a fraction."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def json_response(document: dict) -> HttpResponse:
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
