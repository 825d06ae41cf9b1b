"""Hostile input is stored harmlessly, shown escaped and exported escaped."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.formats import JapaneseCSV
from core.import_widgets import TextWidget
from core.resources import import_file
from councils.resources import CollaborationBodyResource
from plans.models import ProjectYearStatus
from plans.resources import ProjectYearStatusResource

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"
FORMULA = '=HYPERLINK("http://example.com","click")'
SQL = "'; DROP TABLE plans_project; --"


def import_status(text):
    csv = "事業番号,年度,評価,実施状況,公開\n" + f'1,2024,A,"{text}",はい\n'
    return import_file(
        resource=ProjectYearStatusResource(), data=csv.encode(), file_format=JapaneseCSV()
    )


def test_script_formula_and_sql_text_is_shown_and_exported_escaped(client):
    text = f"{SCRIPT} {SQL}".replace('"', '""')
    assert import_status(text).errors == []
    html = client.get("/plan/projects/1/").content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "DROP TABLE" in html  # stored as plain text; the table is still there
    assert client.get("/plan/projects/2/").status_code == 200

    ProjectYearStatus.objects.filter(project__number=1).update(activities=FORMULA)
    csv = client.get("/open-data/project-status.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in csv


def test_control_characters_are_dropped_on_import():
    assert import_status("前\x00後\x07です\tタブ").errors == []
    status = ProjectYearStatus.objects.get(project__number=1)
    assert status.activities == "前後です\tタブ"


def test_a_very_long_name_is_a_row_error_not_a_crash():
    long_name = "あ" * 300
    outcome = import_file(
        resource=CollaborationBodyResource(),
        data=f"名称,地域\n{long_name},一関\n".encode(),
        file_format=JapaneseCSV(),
    )
    assert not outcome.saved
    assert outcome.errors[0].startswith("2行目「名称」：この値は 100 文字以下")


def test_the_search_for_a_page_with_hostile_path_is_a_plain_404(client):
    response = client.get("/bodies/%3Cscript%3Ealert(1)%3C%2Fscript%3E/")
    assert response.status_code == 404
    assert b"<script>alert(1)" not in response.content


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_imported_text_never_keeps_control_characters(text):
    cleaned = TextWidget().clean(text)
    assert not any(ord(c) < 32 and c not in "\t\n\r" for c in cleaned)
    assert "\x7f" not in cleaned
