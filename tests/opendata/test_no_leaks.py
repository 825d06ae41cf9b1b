"""Nothing unpublished, unaccepted or not agreed to ever reaches an open-data file."""

import pytest
from django.utils import timezone

from councils.models import Activity, AnnualReport, CollaborationBody
from opendata.datasets import DATASETS
from plans.models import Project, ProjectYearStatus

pytestmark = pytest.mark.django_db
SECRET = "非公開のはずの文"


def every_file(client) -> str:
    urls = ["/open-data/plan.json"]
    urls += [f"/open-data/{slug}.{kind}" for slug in DATASETS for kind in ("csv", "json")]
    urls += ["/open-data/feeds/statuses.atom", "/open-data/feeds/reports.atom"]
    return "\n".join(client.get(url).content.decode("utf-8-sig") for url in urls)


def test_drafts_never_leak_into_any_file(client):
    ProjectYearStatus.objects.create(
        project=Project.objects.get(number=1), fiscal_year=2024, evaluation="D", activities=SECRET
    )
    bodies = iter(CollaborationBody.objects.order_by("pk"))
    for status in ("下書き", "提出済", "差戻し"):
        report = AnnualReport.objects.create(body=next(bodies), fiscal_year=2024, status=status)
        Activity.objects.create(report=report, title=SECRET)
    withheld = AnnualReport.objects.create(
        body=next(bodies), fiscal_year=2024, status="受理", accepted_at=timezone.now(),
        publish_activities=False, opinions=SECRET,
    )  # fmt: skip
    Activity.objects.create(report=withheld, title=SECRET)
    assert SECRET not in every_file(client)


def test_accepted_and_agreed_activities_are_published(client):
    report = AnnualReport.objects.create(
        body=CollaborationBody.objects.get(name="興田地区振興会"), fiscal_year=2024,
        status="受理", accepted_at=timezone.now(), overall_level="進んでいる",
    )  # fmt: skip
    Activity.objects.create(report=report, title="地区運動会", participants=250)
    csv = client.get("/open-data/activities.csv").content.decode("utf-8-sig")
    assert "興田地区振興会,2024,令和6年度,,地区運動会,,250," in csv
    survey = client.get("/open-data/survey.json").json()
    assert {
        "fiscal_year": 2024,
        "question": "全体の達成状況",
        "answer": None,  # one body's answer: fewer than 5 stand behind it
        "bodies": None,
        "note": "回答が5団体未満のため非公開",
    } in survey["records"]
