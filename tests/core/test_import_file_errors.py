"""A file the portal cannot read is refused as a whole, with a Japanese message, on the
command line and in the admin alike."""

import io

import pytest
from django.urls import reverse

from core.formats import JapaneseCSV
from core.resources import import_file
from plans.models import ProjectYearStatus
from plans.resources import ProjectYearStatusResource

pytestmark = pytest.mark.django_db

UNTERMINATED = (
    '事業番号,年度,評価,実施状況\n1,2024,A,普通の行\n2,2024,B,"閉じていない\n3,2024,C,次の行\n'
)
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff"
    b"\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)


def test_a_csv_with_an_unterminated_quote_is_rejected_with_its_row():
    outcome = import_file(
        resource=ProjectYearStatusResource(),
        data=UNTERMINATED.encode(),
        file_format=JapaneseCSV(),
    )
    assert outcome.errors == ['3行目：引用符（"）が閉じられていません。']
    assert not outcome.saved
    assert ProjectYearStatus.objects.count() == 0


def test_a_csv_with_text_after_a_closing_quote_is_rejected_with_its_row():
    data = '事業番号,年度,評価,実施状況\n1,2024,A,"閉じた"後ろ\n'.encode()
    outcome = import_file(
        resource=ProjectYearStatusResource(), data=data, file_format=JapaneseCSV()
    )
    assert outcome.errors == ['2行目：引用符（"）で囲んだ値の後ろに文字があります。']


def test_quotes_inside_an_unquoted_value_are_kept():
    data = '事業番号,年度,評価,実施状況\n1,2024,A,長さ5"の板\n'.encode()
    outcome = import_file(
        resource=ProjectYearStatusResource(), data=data, file_format=JapaneseCSV()
    )
    assert outcome.errors == []
    assert ProjectYearStatus.objects.get().activities == '長さ5"の板'


def upload(content: bytes, name: str):
    file = io.BytesIO(content)
    file.name = name
    return file


@pytest.mark.parametrize(
    ("content", "name", "file_format", "message"),
    [
        (PNG, "状況.csv", 0, "CSV として読み取れません。"),
        (b"PK\x03\x04\x14\x00\x06\x00", "状況.csv", 0, "CSV として読み取れません。"),
        (b"\xef\xbb\xbf\r\n\r\n", "状況.csv", 0, "ファイルに見出しの行がありません。"),
        ("事業番号,年度,評価\r\n".encode(), "状況.csv", 0, "ファイルに取り込む行がありません。"),
        (b"PK\x03\x04 broken", "状況.xlsx", 1, "XLSX ファイルとして読み取れません。"),
        (PNG, "状況.xlsx", 1, "XLSX ファイルとして読み取れません。"),
        (UNTERMINATED.encode(), "状況.csv", 0, "3行目：引用符（&quot;）が閉じられていません。"),
        (b"", "状況.csv", 0, "入力されたファイルは空です。"),
    ],
    ids=[
        "png-as-csv",
        "xlsx-as-csv",
        "blank-csv",
        "headers-only",
        "corrupt-xlsx",
        "png-as-xlsx",
        "quote",
        "empty",
    ],
)
def test_the_admin_says_in_japanese_why_a_file_cannot_be_read(
    city_editor, client, content, name, file_format, message
):
    client.force_login(city_editor)
    response = client.post(
        reverse("admin:plans_projectyearstatus_import"),
        {"resource": 0, "format": file_format, "import_file": upload(content, name)},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    for english in ("encountered", "Ensure", "No valid data", "Traceback"):
        assert english not in html
    assert response.context.get("confirm_form") is None
    assert ProjectYearStatus.objects.count() == 0


def test_the_admin_lists_row_errors_in_japanese(city_editor, client):
    client.force_login(city_editor)
    response = client.post(
        reverse("admin:plans_projectyearstatus_import"),
        {
            "resource": 0,
            "format": 0,
            "import_file": upload("事業番号,年度,評価\n5,2024,Z\n19,2024,A\n".encode(), "a.csv"),
        },
    )
    html = response.content.decode()
    assert "2行目「評価」：評価「Z」は使えません。A・B・C・Dのいずれかを入力してください。" in html
    assert "3行目「事業番号」：事業番号「19」は登録されていません。" in html
    assert "ファイルに2件の誤りがあるため、何も保存していません。" in html
    for english in ("Some rows failed to validate", "Please correct these errors", "Non field"):
        assert english not in html


def test_the_admin_names_missing_columns_in_japanese(city_editor, client):
    client.force_login(city_editor)
    response = client.post(
        reverse("admin:plans_projectyearstatus_import"),
        {"resource": 0, "format": 0, "import_file": upload("番号,年\n5,2024\n".encode(), "a.csv")},
    )
    html = response.content.decode()
    assert "必要な列がありません：事業番号、年度、評価。見出しの行を確認してください。" in html
    assert "Traceback" not in html and "Errors" not in html
