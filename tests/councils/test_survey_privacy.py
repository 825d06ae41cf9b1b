"""Small numbers stay private: the bodies' self-assessments and support ratings are published
only as aggregates that at least ``MIN_BODIES_TO_PUBLISH`` bodies' accepted answers stand
behind, on the survey page, in the open-data files and in the 進捗状況報告書 alike."""

import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from councils.board import MIN_BODIES_TO_PUBLISH
from councils.models import (
    AnnualReport,
    CollaborationBody,
    RoleAssessment,
    SupportMeasure,
    SupportRating,
)
from plans.models import BodyRole

from .conftest import YEAR

pytestmark = pytest.mark.django_db
WITHHELD = "回答が5団体未満のため非公開"
SURVEY = f"/bodies/survey/{YEAR}/"
REPORT = f"/reports/{YEAR}/"


def answer(count, *, status="受理", score=2):
    """``count`` bodies' reports of ``YEAR`` in ``status``, each answering every question the
    same way: overall 進んでいる, every role 概ね進んでいる, every support measure ``score``."""
    bodies = CollaborationBody.objects.active_in(YEAR).order_by("pk")[:count]
    assert len(bodies) == count
    reports = []
    for body in bodies:
        report = AnnualReport.objects.create(
            body=body, fiscal_year=YEAR, status=status, overall_level="進んでいる",
            submitted_at=timezone.now(),
            accepted_at=timezone.now() if status == "受理" else None,
        )  # fmt: skip
        RoleAssessment.objects.bulk_create(
            RoleAssessment(report=report, role=role, level="概ね進んでいる")
            for role in BodyRole.objects.all()
        )
        SupportRating.objects.bulk_create(
            SupportRating(report=report, measure=measure, score=score)
            for measure in SupportMeasure.objects.all()
        )
        reports.append(report)
    return reports


def survey_records(client):
    return client.get("/open-data/survey.json").json()["records"]


def survey_csv(client):
    return client.get("/open-data/survey.csv").content.decode("utf-8-sig")


def bodies_section(html):
    return html.split('id="bodies"')[1].split("</section>")[0]


@pytest.mark.parametrize("accepted", [1, 4])
def test_it_publishes_no_answers_that_fewer_than_5_bodies_stand_behind(client, accepted):
    answer(accepted)
    html = client.get(SURVEY).content.decode()
    assert f"回答：{accepted}／" in html  # how many answered is public, what they said is not
    assert html.count(WITHHELD) == 1 + BodyRole.objects.count() + SupportMeasure.objects.count()
    assert 'class="chart bar-chart"' not in html
    assert "平均" not in html

    records = survey_records(client)
    assert records and all(r["answer"] is None and r["bodies"] is None for r in records)
    assert {r["note"] for r in records} == {WITHHELD}
    assert {"fiscal_year": YEAR, "question": "全体の達成状況", "answer": None, "bodies": None,
            "note": WITHHELD} in records  # fmt: skip
    csv = survey_csv(client)
    assert f"{YEAR},全体の達成状況,,,{WITHHELD}\r\n" in csv
    assert "進んでいる" not in csv and "支援策：" in csv

    section = bodies_section(client.get(REPORT).content.decode())
    assert section.count(WITHHELD) == 1 + BodyRole.objects.count() + SupportMeasure.objects.count()
    assert "2.0" not in section


@pytest.mark.parametrize("accepted", [1, 4])
def test_the_report_workbook_withholds_them_too(client, city_viewer, accepted):
    answer(accepted)
    client.force_login(city_viewer)
    book = load_workbook(io.BytesIO(client.get(f"{REPORT}report.xlsx").content))
    rows = list(book["地域協働体"].iter_rows(values_only=True))
    assert ("全体の達成状況", WITHHELD, None, None) in rows
    assert not [row for row in rows if row[1] in ("進んでいる", "2")]


def test_with_5_bodies_every_aggregate_is_published(client):
    answer(MIN_BODIES_TO_PUBLISH)
    html = client.get(SURVEY).content.decode()
    assert WITHHELD not in html
    assert 'class="chart bar-chart"' in html
    assert "平均 2.0" in html
    assert '<th scope="row">進んでいる</th><td class="text-end">5</td>' in html

    records = survey_records(client)
    assert {"fiscal_year": YEAR, "question": "全体の達成状況", "answer": "進んでいる",
            "bodies": 5, "note": ""} in records  # fmt: skip
    measure = SupportMeasure.objects.order_by("order", "pk").first()
    assert {"fiscal_year": YEAR, "question": f"支援策：{measure.name}", "answer": "2",
            "bodies": 5, "note": ""} in records  # fmt: skip
    assert f"{YEAR},全体の達成状況,進んでいる,5,\r\n" in survey_csv(client)

    section = bodies_section(client.get(REPORT).content.decode())
    assert WITHHELD not in section
    assert "2.0" in section


def test_each_question_counts_the_bodies_that_answered_it(client):
    """Five accepted reports, but a measure only three of them rated: that one is withheld."""
    reports = answer(MIN_BODIES_TO_PUBLISH)
    measure = SupportMeasure.objects.order_by("order", "pk").first()
    SupportRating.objects.filter(report__in=reports[:2], measure=measure).update(score=None)
    html = client.get(SURVEY).content.decode()
    block = html.split(f'<h3 class="h5">{measure.name}')[1].split("<h3")[0]
    assert WITHHELD in block and "平均" not in block
    assert html.count(WITHHELD) == 1

    records = [r for r in survey_records(client) if r["question"] == f"支援策：{measure.name}"]
    assert records == [{"fiscal_year": YEAR, "question": f"支援策：{measure.name}",
                        "answer": None, "bodies": None, "note": WITHHELD}]  # fmt: skip


def test_reports_not_yet_accepted_are_not_counted_towards_the_5(client):
    answer(4)
    body = CollaborationBody.objects.active_in(YEAR).order_by("pk")[4]
    AnnualReport.objects.create(
        body=body, fiscal_year=YEAR, status="提出済", overall_level="進んでいる"
    )
    assert WITHHELD in client.get(SURVEY).content.decode()


def test_a_year_nobody_answered_yet_says_so(client):
    html = client.get(SURVEY).content.decode()
    assert "回答：0／" in html
    assert WITHHELD not in html and "まだ回答がありません。" in html


def test_staff_see_every_aggregate_of_a_single_report(client, city_viewer):
    answer(1, status="提出済")
    client.force_login(city_viewer)
    html = client.get(f"/portal/board/{YEAR}/").content.decode()
    assert WITHHELD not in html
    assert "平均 2.0" in html
    assert '<th scope="row">進んでいる</th><td class="text-end">1</td>' in html


def test_section_6_says_what_is_published_and_how(client, period, reporter_a):
    client.force_login(reporter_a)
    html = client.get(f"/portal/reports/{YEAR}/consent/").content.decode()
    assert "市が受理した報告だけを" in html
    assert "活動実績と写真：同意した場合だけ" in html
    assert "意見・要望：同意した場合だけ" in html
    assert "自己評価と支援策の評価：団体名を出さず、5団体以上が回答した項目だけを" in html
