"""Importing indicator actuals from the files offices make: all or nothing."""

import io
from decimal import Decimal

import openpyxl
import pytest
import tablib
from django.core.management import CommandError, call_command

from core.formats import JapaneseCSV, JapaneseXLSX
from core.resources import import_file
from indicators.models import Indicator, IndicatorValue
from indicators.resources import IndicatorValueResource

pytestmark = pytest.mark.django_db

HEADER = "指標コード,年度,実績値,備考\r\n"
GOOD_ROWS = '1-1,令和6年度,"8,123",\r\n0-1,R6,３．８１,速報値\r\n1-2,２０２５,45,\r\n'


def run_import(data: bytes, file_format=None, dry_run=False):
    return import_file(
        resource=IndicatorValueResource(),
        data=data,
        file_format=file_format or JapaneseCSV(),
        dry_run=dry_run,
    )


def values():
    return {
        (v.indicator.code, v.fiscal_year): v.value
        for v in IndicatorValue.objects.select_related("indicator")
    }


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("utf-8"),
        lambda text: ("\ufeff" + text).encode("utf-8"),
        lambda text: text.encode("cp932"),
    ],
    ids=["utf-8", "utf-8-bom", "cp932"],
)
def test_it_reads_csv_in_the_encodings_offices_use(encode):
    outcome = run_import(encode(HEADER + GOOD_ROWS))
    assert outcome.errors == []
    assert outcome.saved
    assert values() == {
        ("1-1", 2024): Decimal("8123"),
        ("0-1", 2024): Decimal("3.81"),
        ("1-2", 2025): Decimal("45"),
    }
    assert IndicatorValue.objects.get(indicator__code="0-1").note == "速報値"


def test_it_reads_xlsx_with_numbers_and_text():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["指標コード", "年度", "実績値", "備考"])
    sheet.append(["1-1", 2024, 8123, None])
    sheet.append(["3-2", "令和7年度", "2,400", "見込み"])
    buffer = io.BytesIO()
    book.save(buffer)
    outcome = run_import(buffer.getvalue(), JapaneseXLSX())
    assert outcome.errors == []
    assert values() == {("1-1", 2024): Decimal("8123"), ("3-2", 2025): Decimal("2400")}


def test_the_notes_column_may_be_left_out():
    outcome = run_import("指標コード,年度,実績値\n1-1,2024,8000\n".encode())
    assert outcome.saved


def test_a_second_import_updates_the_year_and_keeps_the_history():
    run_import((HEADER + "1-1,2024,8000,\n").encode())
    outcome = run_import((HEADER + "1-1,2024,8100,訂正\n").encode())
    assert outcome.totals["update"] == 1
    value = IndicatorValue.objects.get(indicator__code="1-1", fiscal_year=2024)
    assert value.value == Decimal("8100")
    assert value.history.count() == 2
    assert value.history.first().history_change_reason == "ファイルから取込"


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("9-9,2024,1,", "3行目「指標コード」：指標コード「9-9」は登録されていません。"),
        ("1-1,2030,1,", "3行目「年度」：年度「2030」は対象の期間（2022〜2028年度）の外です。"),
        ("1-1,来年度,1,", "3行目「年度」"),
        ("1-3,2024,たくさん,", "3行目「実績値」：「たくさん」は数値として読み取れません。"),
        ("1-3,2024,,", "3行目「実績値」：数値が空欄です。"),
        (
            "0-1,R6,4,",
            "3行目「指標コード・年度」：2行目と同じ指標コード・年度の行がもう一度あります。",
        ),
    ],
)
def test_one_bad_row_rejects_the_whole_file_and_says_where(row, expected):
    data = (HEADER + "0-1,令和6年度,3.80,\n" + row + "\n").encode()
    outcome = run_import(data)
    assert not outcome.saved
    assert any(line.startswith(expected) for line in outcome.errors), outcome.errors
    assert IndicatorValue.objects.count() == 0  # the good row was not saved either


def test_a_file_without_the_required_columns_is_rejected_with_their_names():
    outcome = run_import("コード,年\n1-1,2024\n".encode())
    assert outcome.errors == [
        "必要な列がありません：指標コード、年度、実績値。見出しの行を確認してください。"
    ]


def test_a_file_in_an_unknown_encoding_is_rejected_clearly():
    outcome = run_import(HEADER.encode() + b"1-1,2024,\x81\x20,\n")
    assert outcome.errors == [
        "ファイルの文字コードを読み取れません。UTF-8 または Shift_JIS（cp932）で保存してください。"
    ]


def test_a_file_that_is_not_a_spreadsheet_is_rejected():
    outcome = run_import(b"<html><script>alert(1)</script></html>", JapaneseXLSX())
    assert outcome.errors and not outcome.saved


def test_a_dry_run_saves_nothing():
    outcome = run_import((HEADER + GOOD_ROWS).encode(), dry_run=True)
    assert outcome.errors == [] and not outcome.saved
    assert IndicatorValue.objects.count() == 0


def test_the_command_imports_a_cp932_file(tmp_path):
    path = tmp_path / "実績.csv"
    path.write_bytes((HEADER + GOOD_ROWS).encode("cp932"))
    out = io.StringIO()
    call_command(
        "import",
        "indicators.resources.IndicatorValueResource",
        str(path),
        "--encoding",
        "cp932",
        "--no-input",
        stdout=out,
    )
    assert "新規 3件" in out.getvalue()
    assert IndicatorValue.objects.count() == 3


def test_the_command_fails_and_lists_the_rows_when_a_row_is_bad(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes((HEADER + "1-1,2024,8000,\n1-1,2024,abc,\n").encode())
    err = io.StringIO()
    with pytest.raises(CommandError, match="何も保存していません"):
        call_command(
            "import",
            "indicators.resources.IndicatorValueResource",
            str(path),
            "--no-input",
            stderr=err,
        )
    assert "3行目「実績値」" in err.getvalue()
    assert IndicatorValue.objects.count() == 0


def test_export_opens_in_excel_and_escapes_formulas():
    indicator = Indicator.objects.get(code="1-1")
    IndicatorValue.objects.create(
        indicator=indicator, fiscal_year=2024, value=Decimal("8123"), note="=1+1"
    )
    dataset = IndicatorValueResource().export()
    data = JapaneseCSV().export_data(dataset)
    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == "指標コード,指標名,年度,年度（和暦）,実績値,単位,備考"
    assert "\r\n" in text
    assert "1-1,輪っしょい!!WEBへの年間アクセス数,2024,令和6年度,8123,件,'=1+1" in text
    # A negative number is data, not a formula (no actual is negative, so a bare dataset).
    signed = tablib.Dataset(["-5", "-5件"], headers=["数値", "文"])
    assert JapaneseCSV().export_data(signed).decode("utf-8-sig").splitlines()[1] == "-5,'-5件"
    book = openpyxl.load_workbook(io.BytesIO(JapaneseXLSX().export_data(dataset)))
    assert book.active["G2"].value == "'=1+1"


def test_an_exported_file_imports_back_unchanged():
    indicator = Indicator.objects.get(code="0-1")
    IndicatorValue.objects.create(indicator=indicator, fiscal_year=2024, value=Decimal("3.81"))
    data = JapaneseCSV().export_data(IndicatorValueResource().export())
    outcome = run_import(data)
    assert outcome.errors == []
    assert outcome.totals["skip"] == 1
