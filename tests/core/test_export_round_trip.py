"""An exported file imports back unchanged, even where the export escaped a formula."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from core.formats import JapaneseCSV, JapaneseXLSX
from core.resources import import_file
from plans.models import Project, ProjectYearStatus
from plans.resources import ProjectYearStatusResource
from plans.services import statuses_set_published

pytestmark = pytest.mark.django_db

TEXTS = {
    1: "=SUM(A1)",
    2: "-5件の減少",
    3: "+1名の増加",
    4: "@担当課",
    5: "'=元から引用符つき",
    6: "''+二重の引用符",
    7: "'; DROP TABLE plans_project; --",
    8: "-12",
}


def make_statuses():
    for number, text in TEXTS.items():
        status = ProjectYearStatus.objects.create(
            project=Project.objects.get(number=number),
            fiscal_year=2024,
            evaluation="B",
            activities=text,
            results=text,
        )
        statuses_set_published(statuses=[status], published=True, user=None)


def stored():
    return {
        s.project.number: (s.activities, s.results)
        for s in ProjectYearStatus.objects.select_related("project")
    }


@pytest.mark.parametrize(
    ("file_format", "suffix"), [(JapaneseCSV(), "csv"), (JapaneseXLSX(), "xlsx")]
)
def test_an_exported_file_imports_back_unchanged_with_the_command(file_format, suffix, tmp_path):
    make_statuses()
    before = stored()
    path = tmp_path / f"状況.{suffix}"
    path.write_bytes(file_format.export_data(ProjectYearStatusResource().export()))
    out = io.StringIO()
    call_command(
        "import", "plans.resources.ProjectYearStatusResource", str(path), "--no-input", stdout=out
    )
    assert stored() == before
    assert f"変更なし {len(TEXTS)}件" in out.getvalue()


def test_an_exported_file_imports_back_unchanged_in_the_admin(city_editor, client):
    make_statuses()
    before = stored()
    upload = io.BytesIO(JapaneseCSV().export_data(ProjectYearStatusResource().export()))
    upload.name = "状況.csv"
    client.force_login(city_editor)
    preview = client.post(
        reverse("admin:plans_projectyearstatus_import"),
        {"resource": 0, "format": 0, "import_file": upload},
    )
    confirm = preview.context["confirm_form"]
    client.post(reverse("admin:plans_projectyearstatus_process_import"), confirm.initial)
    assert stored() == before


def test_only_the_apostrophe_an_export_adds_is_removed():
    data = (
        "事業番号,年度,評価,実施状況\n"
        "1,2024,A,'説明の前の引用符\n"
        "2,2024,A,'=A1+1\n"
        "3,2024,A,''=A1+1\n"
        "4,2024,A,'-12\n"
    ).encode()
    outcome = import_file(
        resource=ProjectYearStatusResource(), data=data, file_format=JapaneseCSV()
    )
    assert outcome.errors == []
    activities = {number: texts[0] for number, texts in stored().items()}
    assert activities == {1: "'説明の前の引用符", 2: "=A1+1", 3: "'=A1+1", 4: "'-12"}
