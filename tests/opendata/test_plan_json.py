import csv
import io
from decimal import Decimal

import pytest
from django.utils import timezone

from indicators.models import Indicator, IndicatorValue
from plans.models import Project, ProjectYearStatus

pytestmark = pytest.mark.django_db


def test_plan_json_has_the_documented_shape(client):
    response = client.get("/open-data/plan.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    document = response.json()
    assert set(document) == {"schema_version", "plan", "policies", "indicators"}
    assert document["schema_version"] == 1
    assert document["plan"] == {
        "title": "第3次一関市協働推進計画",
        "slogan": "わっしょい みんなでかつごう いちのせき",
        "vision": "協働の仕組みが実践される住み良い地域社会を創る",
        "first_fiscal_year": 2024,
        "last_fiscal_year": 2028,
    }
    policy = document["policies"][2]
    assert set(policy) == {"number", "title", "measures"}
    measure = policy["measures"][0]
    assert set(measure) == {"number", "title", "objectives", "projects"}
    assert len(measure["objectives"]) == 2
    project = measure["projects"][0]
    assert project == {
        "number": 11,
        "title": "「地域づくり計画」の市政への反映",
        "short_title": "「地域づくり計画」の市政への反映",
        "kind": "継続",
        "description": Project.objects.get(number=11).description,
        "roles": {"市民等": "", "協働体": "○", "市": "◎"},
        "schedule": {
            "2024": "検討",
            "2025": "検討",
            "2026": "実施",
            "2027": "実施",
            "2028": "実施",
        },
        "statuses": [],
    }
    numbers = [
        p["number"] for pol in document["policies"] for m in pol["measures"] for p in m["projects"]
    ]
    assert numbers == list(range(1, 19))


def test_plan_json_lists_indicators_with_baseline_target_and_actuals(client):
    IndicatorValue.objects.create(
        indicator=Indicator.objects.get(code="0-1"), fiscal_year=2024, value=Decimal("3.81")
    )
    indicators = client.get("/open-data/plan.json").json()["indicators"]
    assert [i["code"] for i in indicators] == [
        "0-1", "1-1", "1-2", "1-3", "2-1", "2-2", "3-1", "3-2", "3-3"
    ]  # fmt: skip
    first, access, awareness = indicators[0], indicators[1], indicators[3]
    assert first["policy"] is None
    assert first["baseline"] == {"fiscal_year": 2022, "value": 3.77}
    assert first["target"] == {"fiscal_year": 2028, "value": 4.23}
    assert first["actuals"] == [{"fiscal_year": 2024, "value": 3.81, "is_sample": False}]
    assert access["baseline"]["value"] == 7033 and isinstance(access["baseline"]["value"], int)
    assert awareness["baseline"] == {"fiscal_year": 2022, "value": None}
    assert access["actuals"] == []


def test_projects_csv_opens_in_excel(client):
    response = client.get("/open-data/projects.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="projects.csv"' in response["Content-Disposition"]
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert header[:4] == ["事業番号", "事業名", "体系図での名称", "区分"]
    assert "実施区分_2024年度（令和6年度）" in header
    assert len(body) == 18
    eleven = dict(zip(header, body[10], strict=True))
    assert eleven["事業番号"] == "11"
    assert eleven["取組主体_市民等"] == ""
    assert eleven["取組主体_市"] == "◎"
    assert eleven["実施区分_2025年度（令和7年度）"] == "検討"
    assert eleven["実施区分_2026年度（令和8年度）"] == "実施"


def test_projects_csv_keeps_japanese_headers_on_the_english_site(client):
    raw = client.get("/en/open-data/projects.csv").content.decode("utf-8-sig")
    assert raw.startswith("事業番号,")


def test_projects_csv_escapes_text_a_spreadsheet_would_run(client):
    Project.objects.filter(number=1).update(title='=HYPERLINK("http://example.com")')
    raw = client.get("/open-data/projects.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in raw


def test_plan_json_marks_sample_statuses_and_actuals_as_the_csv_does(client):
    IndicatorValue.objects.create(
        indicator=Indicator.objects.get(code="0-1"),
        fiscal_year=2024,
        value=Decimal("3.81"),
        is_sample=True,
    )
    ProjectYearStatus.objects.create(
        project=Project.objects.get(number=11),
        fiscal_year=2024,
        evaluation="B",
        activities="説明用の実施状況",
        is_published=True,
        published_at=timezone.now(),
        is_sample=True,
    )
    document = client.get("/open-data/plan.json").json()
    project = document["policies"][2]["measures"][0]["projects"][0]
    assert project["statuses"][0]["is_sample"] is True
    assert document["indicators"][0]["actuals"][0]["is_sample"] is True
    status_csv = client.get("/open-data/project-status.csv").content.decode("utf-8-sig")
    values_csv = client.get("/open-data/indicator-values.csv").content.decode("utf-8-sig")
    status_row = dict(zip(*list(csv.reader(io.StringIO(status_csv))), strict=True))
    value_row = dict(zip(*list(csv.reader(io.StringIO(values_csv))), strict=True))
    assert status_row["サンプル"] == value_row["サンプル"] == "true"
