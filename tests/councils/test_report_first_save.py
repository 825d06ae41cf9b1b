"""Looking is not starting: a body's report exists from its first save, not its first view.

Until then its pages show the rows it would start with (the plan's roles, the centres the
body manages that year, the support measures), unsaved; the first save creates the report
and puts every answer on its own row.
"""

import pytest
from django.urls import reverse

from councils.models import AnnualReport, SupportMeasure
from councils.services import report_start

from .conftest import YEAR, form_data

pytestmark = pytest.mark.django_db
REPORT = f"/portal/reports/{YEAR}/"


def _reports(reporter):
    return AnnualReport.objects.filter(body=reporter.reporter.body)


@pytest.fixture
def logged_in(client, reporter_a, period):
    client.force_login(reporter_a)
    return client


PAGES = ["", "assessment/", "activities/", "activities/add/", "centers/", "support/",
         "results/", "consent/"]  # fmt: skip


def test_opening_every_page_of_a_new_report_starts_nothing(logged_in, reporter_a):
    for page in PAGES:
        assert logged_in.get(REPORT + page).status_code == 200, page
    assert not _reports(reporter_a).exists()
    html = logged_in.get(REPORT).content.decode()
    assert "未着手" in html
    assert html.count("task-state-not-started") == 7  # six sections and 「未完了の項目があります」
    response = logged_in.get(REPORT + "check/", follow=True)
    assert response.redirect_chain[-1][0] == REPORT
    assert "まだ何も保存されていません。" in response.content.decode()
    assert not _reports(reporter_a).exists()


def test_the_board_and_the_portal_say_not_started_for_a_body_that_only_looked(
    client, logged_in, reporter_a, city_viewer
):
    logged_in.get(REPORT + "assessment/")
    assert "未着手" in logged_in.get("/portal/").content.decode()
    client.force_login(city_viewer)
    board = client.get(reverse("councils:board")).content.decode()
    row = board[board.index(reporter_a.reporter.body.name) :]
    row = row[: row.index("</tr>")]
    assert "未着手" in row and "下書き" not in row


def test_the_first_save_creates_the_report_with_each_answer_on_its_own_row(logged_in, reporter_a):
    page = logged_in.get(REPORT + "assessment/")
    forms = page.context["forms"].rows.forms
    roles = [form.instance.role for form in forms]
    levels = ["進んでいる", "概ね進んでいる", "あまり進んでいない", "進んでいない", "進んでいる"]
    changes = {"report-overall_level": "概ね進んでいる", "then": "list"}
    for index, level in enumerate(levels[: len(forms)]):
        changes[f"roles-{index}-level"] = level
    response = logged_in.post(REPORT + "assessment/", form_data(page, changes))
    assert response.status_code == 302
    report = _reports(reporter_a).get()
    assert report.status == AnnualReport.Status.DRAFT
    assert report.overall_level == "概ね進んでいる"
    assert list(report.sections_saved_at) == ["assessment"]
    saved = {a.role_id: a.level for a in report.role_assessments.all()}
    assert saved == {role.pk: level for role, level in zip(roles, levels, strict=False)}
    assert report.center_reports.count() == 1  # 真柴市民センター, started with the report
    assert report.support_ratings.count() == SupportMeasure.objects.filter(is_active=True).count()


def test_the_first_save_of_the_centres_lands_on_the_centre_shown(logged_in, reporter_a):
    page = logged_in.get(REPORT + "centers/")
    [form] = page.context["forms"].rows.forms
    assert str(form.instance.center) == "真柴市民センター"
    data = form_data(page, {"centers-0-visits": "8690", "then": "next"})
    response = logged_in.post(REPORT + "centers/", data)
    assert response["Location"] == REPORT + "support/"
    [row] = _reports(reporter_a).get().center_reports.select_related("center")
    assert (row.center.name, row.visits) == ("真柴市民センター", 8690)


def test_the_first_activity_creates_the_report(logged_in, reporter_a, bodies_roles):
    data = {"held_on": f"{YEAR}-08-15", "title": "夏まつり", "role": bodies_roles[0].pk}
    response = logged_in.post(REPORT + "activities/add/", {**data, "then": "list"})
    assert response["Location"] == REPORT + "activities/"
    report = _reports(reporter_a).get()
    assert [a.title for a in report.activities.all()] == ["夏まつり"]
    assert report.role_assessments.count() == len(bodies_roles)


def test_an_activity_outside_the_year_is_refused_before_the_report_exists(
    logged_in, reporter_a, bodies_roles
):
    data = {"held_on": "2020-08-15", "title": "夏まつり", "role": bodies_roles[0].pk}
    response = logged_in.post(REPORT + "activities/add/", {**data, "then": "list"})
    assert response.status_code == 200
    assert "実施日は令和7年4月1日から令和8年3月31日までの日付にしてください" in (
        response.content.decode()
    )
    assert not _reports(reporter_a).exists()


def test_an_error_on_a_new_report_creates_nothing(logged_in, reporter_a):
    page = logged_in.get(REPORT + "centers/")
    response = logged_in.post(REPORT + "centers/", form_data(page, {"centers-0-visits": "-5"}))
    assert response.status_code == 200
    assert "保存されていません。次の項目を直してください。" in response.content.decode()
    assert not _reports(reporter_a).exists()


def test_a_row_posted_for_something_else_is_refused_and_creates_nothing(logged_in, reporter_a):
    page = logged_in.get(REPORT + "support/")
    data = form_data(page, {"then": "list"})
    data["ratings-0-row_key"], data["ratings-1-row_key"] = (
        data["ratings-1-row_key"],
        data["ratings-0-row_key"],
    )
    response = logged_in.post(REPORT + "support/", data)
    assert "入力欄の数が変わっています。" in response.content.decode()
    assert not _reports(reporter_a).exists()


def test_a_measure_retired_between_showing_and_saving_refuses_the_save(logged_in, reporter_a):
    page = logged_in.get(REPORT + "support/")
    data = form_data(page, {"ratings-0-score": "4", "then": "list"})
    retired = SupportMeasure.objects.filter(is_active=True).last()
    SupportMeasure.objects.filter(pk=retired.pk).update(is_active=False)
    response = logged_in.post(REPORT + "support/", data)
    assert "入力欄の数が変わっています。" in response.content.decode()
    assert not _reports(reporter_a).exists()


def test_a_page_shown_before_another_member_started_the_report_still_saves_into_it(
    logged_in, reporter_a
):
    page = logged_in.get(REPORT + "support/")
    assert '<input type="hidden" name="report_started" value="0">' in page.content.decode()
    data = form_data(page, {"ratings-0-score": "5", "then": "list", "report_started": "0"})
    started = report_start(body=reporter_a.reporter.body, fiscal_year=YEAR, user=reporter_a)
    started.results_and_issues = "先に保存された成果"
    started.save()
    response = logged_in.post(REPORT + "support/", data)
    assert response.status_code == 302
    report = _reports(reporter_a).get()
    assert report.pk == started.pk
    assert report.results_and_issues == "先に保存された成果"
    assert report.support_ratings.order_by("measure__order").first().score == 5


@pytest.fixture
def bodies_roles(db):
    from plans.models import BodyRole

    return list(BodyRole.objects.order_by("number"))
