"""The admin home's panel: what is still to be recorded, published, received or frozen."""

import datetime
import re
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from centers.models import CivicCenter
from centers.services import usage_set
from councils.models import Activity, BodyReporter, CollaborationBody, ReportingPeriod
from councils.services import managed_centers, report_start, report_transition
from ichinoseki_kyodo.admin_home import admin_shortcuts, missing_work, status_workbench_url
from indicators.models import Indicator
from indicators.services import ActualSource, actual_set
from plans.models import Project, ProjectYearStatus
from plans.services import statuses_set_published
from progress_reports.models import FrozenReport

pytestmark = pytest.mark.django_db

THIS_YEAR = 2026
LAST_YEAR = 2025
MASHIBA = "真柴まちづくり協議会"


@pytest.fixture(autouse=True)
def this_year(monkeypatch):
    """Fiscal 2026 is under way for the panel and every page it links to, whatever today's
    date: ``current_fiscal_year()`` reads the day from here."""
    today = SimpleNamespace(
        localdate=lambda: datetime.date(2026, 10, 1),
        is_aware=timezone.is_aware,
        localtime=timezone.localtime,
    )
    monkeypatch.setattr("core.fiscal.timezone", today)


def tallies(user, year, key) -> dict[str, tuple[int, int]]:
    """{label: (done, total)} of one line of the panel, or {} when the line is not shown."""
    for year_work in missing_work(user, [year]):
        for line in year_work.lines:
            if line.key == key:
                return {tally.label: (tally.done, tally.total) for tally in line.tallies}
    return {}


def line_of(user, year, key):
    lines = [line for work in missing_work(user, [year]) for line in work.lines]
    return next(line for line in lines if line.key == key)


def year_html(html: str, year: int) -> str:
    """The panel's section of one year."""
    return html.split(f'id="missing-work-{year}"')[1].split("</section>")[0]


def panel_html(html: str) -> str:
    return html.split('class="missing-work"')[1].split('id="content-main"')[0]


def line_html(section: str, key: str) -> str:
    return section.split(f"missing-work-line--{key}")[1].split('<li class="missing-work-line ')[0]


def record_statuses(user, year, *, recorded, published):
    statuses = [
        ProjectYearStatus.objects.create(
            project=project, fiscal_year=year, evaluation="B", activities="実施した。"
        )
        for project in Project.objects.order_by("number")[:recorded]
    ]
    statuses_set_published(statuses=statuses[:published], published=True, user=user)


def record_actual(user, code, year):
    indicator = Indicator.objects.get(code=code)
    actual_set(
        indicator=indicator,
        fiscal_year=year,
        value=indicator.target_value,
        source=ActualSource.STAFF,
        user=user,
    )


def record_usage(centers, year):
    for center in centers:
        usage_set(center=center, fiscal_year=year, visits=5_000, source="市の入力")


def submitted_report(django_user_model, body, year):
    """A body's report of ``year``, filled in and submitted by its reporter."""
    today = timezone.localdate()
    ReportingPeriod.objects.get_or_create(
        fiscal_year=year,
        defaults={
            "opens_on": today - datetime.timedelta(days=10),
            "due_on": today + datetime.timedelta(days=30),
        },
    )
    reporter = django_user_model.objects.create_user(
        username=f"reporter-{body.pk}-{year}", password="correct horse battery"
    )
    BodyReporter.objects.create(user=reporter, body=body)
    report = report_start(body=body, fiscal_year=year, user=reporter)
    report.overall_level = "概ね進んでいる"
    report.results_and_issues = "担い手が増えた。"
    report.save()
    report.role_assessments.update(level="進んでいる")
    report.center_reports.update(visits=12_000)
    report.support_ratings.update(score=4)
    Activity.objects.create(
        report=report, held_on=datetime.date(year, 8, 15), title="夏まつり",
        role=report.role_assessments.first().role,
    )  # fmt: skip
    return report_transition(report=report, to="提出済", user=reporter)


def limited_staff(django_user_model, *codenames):
    user = django_user_model.objects.create_user(
        username="limited", password="correct horse battery", is_staff=True
    )
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


# --- What the panel counts ---------------------------------------------------------------


def test_it_counts_a_year_with_records_and_a_year_without(city_editor):
    record_statuses(city_editor, LAST_YEAR, recorded=5, published=3)
    record_actual(city_editor, "1-1", LAST_YEAR)
    record_actual(city_editor, "1-2", LAST_YEAR)
    record_usage(CivicCenter.objects.open_in(LAST_YEAR)[:3], LAST_YEAR)
    FrozenReport.objects.create(fiscal_year=LAST_YEAR, data={}, frozen_by=city_editor)
    open_centers = CivicCenter.objects.open_in(LAST_YEAR).count()
    active = CollaborationBody.objects.active_in(LAST_YEAR).count()

    assert tallies(city_editor, LAST_YEAR, "statuses") == {"記録": (5, 18), "公開": (3, 18)}
    assert tallies(city_editor, LAST_YEAR, "actuals") == {"記録": (2, 9)}
    assert tallies(city_editor, LAST_YEAR, "usage") == {"記録": (3, open_centers)}
    assert tallies(city_editor, LAST_YEAR, "reports") == {"提出": (0, active), "受理": (0, active)}
    frozen = line_of(city_editor, LAST_YEAR, "frozen")
    assert frozen.complete and frozen.state == "確定済み"

    assert tallies(city_editor, THIS_YEAR, "statuses") == {"記録": (0, 18), "公開": (0, 18)}
    assert tallies(city_editor, THIS_YEAR, "actuals") == {"記録": (0, 9)}
    assert tallies(city_editor, THIS_YEAR, "usage")["記録"][0] == 0
    assert not line_of(city_editor, THIS_YEAR, "frozen").complete


def test_it_lists_each_indicator_without_a_figure_with_its_next_publication(city_editor):
    Indicator.objects.filter(code="1-2").update(next_publication_on=datetime.date(2026, 6, 30))
    record_actual(city_editor, "1-1", LAST_YEAR)

    missing = line_of(city_editor, LAST_YEAR, "actuals").missing_indicators
    assert "1-1" not in [m.code for m in missing]
    assert len(missing) == 8
    assert next(m for m in missing if m.code == "1-2").next_publication_on == datetime.date(
        2026, 6, 30
    )


def test_a_report_counts_as_submitted_then_accepted(city_editor, django_user_model):
    body = CollaborationBody.objects.get(name=MASHIBA)
    report = submitted_report(django_user_model, body, LAST_YEAR)
    report_start(  # a draft is not yet an answer
        body=CollaborationBody.objects.get(name="興田地区振興会"), fiscal_year=LAST_YEAR, user=None
    )
    active = CollaborationBody.objects.active_in(LAST_YEAR).count()
    assert tallies(city_editor, LAST_YEAR, "reports") == {"提出": (1, active), "受理": (0, active)}
    assert f"1／{active}団体" in line_of(city_editor, LAST_YEAR, "reports").detail

    report_transition(report=report, to="受理", user=city_editor)

    assert tallies(city_editor, LAST_YEAR, "reports") == {"提出": (1, active), "受理": (1, active)}
    # The accepted report's centre visits became the usage of the centres the body manages.
    managed = len(managed_centers(body, LAST_YEAR))
    assert managed > 0
    assert tallies(city_editor, LAST_YEAR, "usage")["記録"][0] == managed


def test_a_dissolved_body_is_not_counted_in_a_year_after_it(city_editor):
    before = tallies(city_editor, LAST_YEAR, "reports")["提出"][1]
    CollaborationBody.objects.filter(name=MASHIBA).update(
        status="解散", dissolved_fiscal_year=LAST_YEAR
    )
    assert tallies(city_editor, LAST_YEAR, "reports")["提出"][1] == before - 1


# --- The page ----------------------------------------------------------------------------


def test_an_editor_sees_the_panel_with_the_numbers(client, city_editor):
    record_statuses(city_editor, LAST_YEAR, recorded=5, published=3)
    record_actual(city_editor, "1-1", LAST_YEAR)
    client.force_login(city_editor)

    html = client.get("/admin/").content.decode()

    assert "入力・公開の状況" in html
    assert "今年度：令和8年度（2026年度）" in html
    assert "前年度：令和7年度（2025年度）" in html
    last = year_html(html, LAST_YEAR)
    statuses = line_html(last, "statuses")
    assert "5 / 18" in statuses and "3 / 18" in statuses
    assert "18事業のうち5事業の状況を記録済み" in statuses  # for screen readers
    assert "未完了" in statuses
    assert "1 / 9" in line_html(last, "actuals")
    assert "0 / 18" in line_html(year_html(html, THIS_YEAR), "statuses")
    assert "取込用テンプレート：事業の年度別状況" in html


def test_the_numbers_on_the_page_follow_each_recording(client, city_editor):
    client.force_login(city_editor)

    def last_year_line(key):
        return line_html(year_html(client.get("/admin/").content.decode(), LAST_YEAR), key)

    open_centers = CivicCenter.objects.open_in(LAST_YEAR).count()
    assert "0 / 18" in last_year_line("statuses")
    record_statuses(city_editor, LAST_YEAR, recorded=2, published=0)
    assert "2 / 18" in last_year_line("statuses") and "0 / 18" in last_year_line("statuses")
    statuses_set_published(
        statuses=ProjectYearStatus.objects.filter(fiscal_year=LAST_YEAR),
        published=True,
        user=city_editor,
    )
    assert "0 / 18" not in last_year_line("statuses")

    assert "0 / 9" in last_year_line("actuals")
    record_actual(city_editor, "3-1", LAST_YEAR)
    assert "1 / 9" in last_year_line("actuals")

    assert f"0 / {open_centers}" in last_year_line("usage")
    record_usage(CivicCenter.objects.open_in(LAST_YEAR)[:1], LAST_YEAR)
    assert f"1 / {open_centers}" in last_year_line("usage")

    assert "未確定" in last_year_line("frozen")
    FrozenReport.objects.create(fiscal_year=LAST_YEAR, data={}, frozen_by=city_editor)
    assert "確定済み" in last_year_line("frozen")


def test_an_accepted_report_shows_on_the_page(client, city_editor, django_user_model):
    report = submitted_report(
        django_user_model, CollaborationBody.objects.get(name=MASHIBA), LAST_YEAR
    )
    active = CollaborationBody.objects.active_in(LAST_YEAR).count()
    client.force_login(city_editor)

    def reports_line():
        return line_html(year_html(client.get("/admin/").content.decode(), LAST_YEAR), "reports")

    assert f"0 / {active}" in reports_line()  # none accepted yet
    report_transition(report=report, to="受理", user=city_editor)
    assert f"0 / {active}" not in reports_line()
    assert f"1 / {active}" in reports_line()


def test_a_viewer_sees_the_panel_without_the_import_templates(client, city_viewer):
    client.force_login(city_viewer)
    html = client.get("/admin/").content.decode()
    panel = panel_html(html)
    for key in ("statuses", "actuals", "usage", "reports", "frozen"):
        assert f"missing-work-line--{key}" in panel
    assert "報告の審査" in panel
    assert "取込用テンプレート" not in panel


def test_a_line_shows_only_to_whoever_may_view_its_model(client, django_user_model):
    user = limited_staff(
        django_user_model, "view_projectyearstatus", "view_indicator", "view_indicatorvalue"
    )
    client.force_login(user)
    panel = panel_html(client.get("/admin/").content.decode())
    assert "missing-work-line--statuses" in panel
    assert "missing-work-line--actuals" in panel
    for key in ("usage", "reports", "frozen"):
        assert f"missing-work-line--{key}" not in panel
    assert "報告の審査" not in panel  # the board is for those who may read the reports
    assert "/portal/board/" not in panel


def test_the_indicator_line_needs_both_indicators_and_actuals(django_user_model):
    user = limited_staff(django_user_model, "view_indicatorvalue")
    assert tallies(user, LAST_YEAR, "actuals") == {}


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def test_an_app_page_has_no_panel(client, city_editor):
    client.force_login(city_editor)
    html = client.get("/admin/plans/").content.decode()
    assert "入力・公開の状況" not in html


def test_every_link_of_the_panel_opens(client, city_editor):
    Indicator.objects.filter(code="1-2").update(next_publication_on=datetime.date(2026, 6, 30))
    client.force_login(city_editor)
    panel = panel_html(client.get("/admin/").content.decode())
    links = set(re.findall(r'href="([^"]+)"', panel))
    assert len(links) >= 10
    for link in links:
        response = client.get(link.replace("&amp;", "&"))
        assert response.status_code == 200, link


def test_the_status_link_goes_to_the_year_of_the_workbench_or_the_list(client, city_editor):
    record_statuses(city_editor, LAST_YEAR, recorded=1, published=0)
    record_statuses(city_editor, THIS_YEAR, recorded=1, published=0)
    url = status_workbench_url(LAST_YEAR)
    assert str(LAST_YEAR) in url
    client.force_login(city_editor)
    response = client.get(url)
    assert response.status_code == 200
    if "cl" in response.context:  # the status list, filtered by the year
        assert {s.fiscal_year for s in response.context["cl"].result_list} == {LAST_YEAR}


def test_the_usage_link_lists_the_centres_still_missing_a_figure(client, city_editor):
    centers = list(CivicCenter.objects.open_in(LAST_YEAR))
    record_usage(centers[1:], LAST_YEAR)
    usage = line_of(city_editor, LAST_YEAR, "usage")
    client.force_login(city_editor)
    response = client.get(usage.links[0].url)
    assert [c.pk for c in response.context["cl"].result_list] == [centers[0].pk]


def test_the_shortcuts_name_the_staff_pages(city_editor, city_viewer):
    labels = [link.label for link in admin_shortcuts(city_editor)]
    assert labels[:3] == ["報告の審査", "進捗状況報告書", "オープンデータ"]
    assert len([label for label in labels if label.startswith("取込用テンプレート")]) == 3
    assert [link.label for link in admin_shortcuts(city_viewer)] == labels[:3]


# --- Whether a submission would reach anybody -----------------------------------------------

NOBODY_TOLD = "地域協働体が年次報告を提出しても、市に知らせるメールの送り先がありません。"


def mail_gap_html(client) -> str:
    html = client.get("/admin/").content.decode()
    if "submission-mail-gap" not in html:
        return ""
    return html.split('class="messagelist submission-mail-gap"')[1].split("</ul>")[0]


def test_it_says_when_a_submission_would_reach_nobody_and_what_to_do(client, settings, city_editor):
    settings.PORTAL_STAFF_EMAILS = []
    client.force_login(city_editor)
    notice = mail_gap_html(client)
    assert NOBODY_TOLD in notice
    assert "環境変数 PORTAL_STAFF_EMAILS に担当課のメールアドレスを設定する" in notice
    assert "市職員（編集）のアカウントにメールアドレスを登録してください。" in notice
    assert "/admin/auth/user/" not in notice  # an editor does not manage accounts


def test_a_superuser_is_led_to_the_accounts(client, settings, admin_user):
    settings.PORTAL_STAFF_EMAILS = []
    client.force_login(admin_user)
    assert '<a href="/admin/auth/user/">ユーザーの一覧へ</a>' in mail_gap_html(client)


def test_a_viewer_is_told_too(client, settings, city_viewer):
    settings.PORTAL_STAFF_EMAILS = []
    client.force_login(city_viewer)
    assert NOBODY_TOLD in mail_gap_html(client)


def test_it_says_nothing_once_the_address_list_is_set(client, settings, city_editor):
    settings.PORTAL_STAFF_EMAILS = ["kyodo@city.example.jp"]
    client.force_login(city_editor)
    assert mail_gap_html(client) == ""


def test_it_says_nothing_once_an_editor_has_an_address(client, settings, city_editor):
    settings.PORTAL_STAFF_EMAILS = []
    city_editor.email = "kyodo@city.example.jp"
    city_editor.save()
    client.force_login(city_editor)
    assert mail_gap_html(client) == ""


def test_an_inactive_editors_address_does_not_count(
    client, settings, city_editor, django_user_model
):
    settings.PORTAL_STAFF_EMAILS = []
    former = django_user_model.objects.create_user(
        "former", "former@city.example.jp", "pw", is_staff=True, is_active=False
    )
    former.groups.set(city_editor.groups.all())
    client.force_login(city_editor)
    assert NOBODY_TOLD in mail_gap_html(client)


def test_staff_who_do_not_see_reports_are_not_told(client, settings, django_user_model):
    settings.PORTAL_STAFF_EMAILS = []
    client.force_login(limited_staff(django_user_model, "view_projectyearstatus"))
    assert mail_gap_html(client) == ""


# --- Queries -----------------------------------------------------------------------------


def record_both_years(user, django_user_model):
    bodies = list(CollaborationBody.objects.active_in(LAST_YEAR)[:3])
    for year in (LAST_YEAR, THIS_YEAR):
        record_statuses(user, year, recorded=18, published=12)
        for indicator in Indicator.objects.all():
            record_actual(user, indicator.code, year)
        record_usage(CivicCenter.objects.open_in(year)[:6], year)
    for body in bodies:
        submitted_report(django_user_model, body, LAST_YEAR)
    FrozenReport.objects.create(fiscal_year=LAST_YEAR, data={}, frozen_by=user)


def test_the_admin_home_answers_within_its_query_budget(
    client, city_editor, django_user_model, django_assert_max_num_queries
):
    record_both_years(city_editor, django_user_model)
    client.force_login(city_editor)
    # One of them asks whether any editor has an address (no PORTAL_STAFF_EMAILS here).
    with django_assert_max_num_queries(16):
        assert client.get("/admin/").status_code == 200


def test_the_panel_costs_the_same_with_more_data(client, city_editor, django_user_model):
    client.force_login(city_editor)
    client.get("/admin/")
    with CaptureQueriesContext(connection) as empty:
        client.get("/admin/")
    record_both_years(city_editor, django_user_model)
    with CaptureQueriesContext(connection) as full:
        client.get("/admin/")
    assert len(full) == len(empty)


def test_missing_work_reads_a_fixed_number_of_queries(
    city_editor, django_user_model, django_assert_max_num_queries
):
    record_both_years(city_editor, django_user_model)
    city_editor.get_all_permissions()  # the admin has read them by the time the panel asks
    with django_assert_max_num_queries(10):
        work = missing_work(city_editor, [THIS_YEAR, LAST_YEAR])
    assert [len(year.lines) for year in work] == [5, 5]
