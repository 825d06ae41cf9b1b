"""Public pages come from the cache, and a change shows up at once.

A test runs inside a transaction that is never committed, so the version of the pages is
only bumped where a test runs the commit hooks (``django_capture_on_commit_callbacks``),
as the commit of a real request or command would.
"""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core import cache as page_cache
from core.cache import (
    DATA_APPS,
    PRIVATE_MODELS,
    PUBLIC_MODELS,
    PUBLIC_WHILE_ACCEPTED,
    REPORT_ACCEPTED,
    bump_tables,
    public_version,
    tables_of,
)
from core.models import PublicTableVersion
from councils.models import Activity, AnnualReport, BodyReporter, CollaborationBody
from indicators.models import Indicator, IndicatorValue
from plans.models import GlossaryTerm, Project, ProjectYearStatus
from plans.services import statuses_set_published
from progress_reports.selectors import report_years

pytestmark = pytest.mark.django_db
Status = AnnualReport.Status
PASSWORD = "correct horse battery"


@pytest.fixture
def bumps(django_capture_on_commit_callbacks):
    """``bumps(action)``: whether ``action``, once committed, bumped the pages' version."""

    def run(action) -> bool:
        before = public_version()
        with django_capture_on_commit_callbacks(execute=True):
            action()
        return public_version() > before

    return run


def test_a_second_visit_is_served_from_the_cache(client):
    first = client.get("/plan/")
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/plan/")
    assert second.content == first.content
    assert len(queries) == 1  # the versions, and nothing else
    assert "publictableversion" in queries[0]["sql"]


def test_a_published_change_shows_up_at_once(
    client, city_editor, django_capture_on_commit_callbacks
):
    status = ProjectYearStatus.objects.create(
        project=Project.objects.get(number=3), fiscal_year=2024, evaluation="A",
        activities="養成講座を開いた。",
    )  # fmt: skip
    assert "養成講座を開いた。" not in client.get("/plan/projects/3/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        statuses_set_published(statuses=[status], published=True, user=city_editor)
    assert "養成講座を開いた。" in client.get("/plan/projects/3/").content.decode()
    assert "養成講座を開いた。" in client.get("/open-data/project-status.csv").content.decode(
        "utf-8-sig"
    )


def test_languages_are_cached_apart(client):
    assert '<html lang="ja">' in client.get("/about/").content.decode()
    assert '<html lang="en">' in client.get("/en/about/").content.decode()
    assert '<html lang="ja">' in client.get("/about/").content.decode()


def test_security_headers_are_added_to_cached_pages(client):
    client.get("/indicators/")
    response = client.get("/indicators/")
    assert "default-src 'self'" in response["Content-Security-Policy"]


# The version: in the database, bumped after the commit, once per transaction.


def actual_of_1_1():
    return IndicatorValue.objects.get_or_create(
        indicator=Indicator.objects.get(code="1-1"), fiscal_year=2024, defaults={"value": 7489}
    )[0]


def test_the_version_changes_only_when_the_change_commits(django_capture_on_commit_callbacks):
    bump_tables(tables_of(IndicatorValue))  # the rows exist, as after the table's first change
    before = public_version()
    with django_capture_on_commit_callbacks() as callbacks:
        value = actual_of_1_1()
        for figure in (7500, 7512):
            value.value = figure
            value.save()
        assert public_version() == before  # not before the commit
    with CaptureQueriesContext(connection) as queries:
        for callback in callbacks:
            callback()
    assert public_version() > before
    assert len(queries) == 1  # one UPDATE for the whole transaction
    assert "UPDATE" in queries[0]["sql"]


def test_a_tables_first_change_creates_its_version_and_its_historys(bumps):
    tables = ("indicators_indicatorvalue", "indicators_historicalindicatorvalue")
    assert tables_of(IndicatorValue) == tables
    assert not PublicTableVersion.objects.filter(table__in=tables).exists()
    assert bumps(actual_of_1_1)
    assert PublicTableVersion.objects.filter(table__in=tables, version__gt=0).count() == 2


def test_a_rolled_back_change_bumps_nothing(bumps):
    def fail():
        with transaction.atomic():
            actual_of_1_1()
            raise RuntimeError("the import failed")

    with pytest.raises(RuntimeError):
        assert not bumps(fail)


def test_a_number_is_never_used_twice_even_after_a_flush(bumps):
    assert bumps(actual_of_1_1)
    old = public_version()
    PublicTableVersion.objects.all().delete()
    assert public_version() == 0
    bump_tables(["indicators_indicatorvalue"])
    assert public_version() > old


# What empties the pages: the rule in core/cache.py.


def test_every_model_of_the_data_apps_is_public_private_or_public_while_accepted():
    labels = {m._meta.label for m in apps.get_models() if m._meta.app_label in DATA_APPS}
    groups = [PUBLIC_MODELS, PRIVATE_MODELS, set(PUBLIC_WHILE_ACCEPTED)]
    assert set().union(*groups) == labels
    assert sum(len(group) for group in groups) == len(labels)  # each in one group only


def test_the_accepted_state_is_the_reports():
    assert Status.ACCEPTED == REPORT_ACCEPTED


def test_the_parts_of_a_report_lead_to_it():
    for label, path in PUBLIC_WHILE_ACCEPTED.items():
        model = apps.get_model(label)
        for name in filter(None, path.split(".")):
            model = model._meta.get_field(name).related_model
        assert model is AnnualReport, label


@pytest.fixture
def report(db):
    body = CollaborationBody.objects.get(name="真柴まちづくり協議会")
    return AnnualReport.objects.create(body=body, fiscal_year=2025)


def test_a_draft_and_its_parts_leave_the_pages_alone(bumps, report):
    def write_a_draft():
        report.results_and_issues = "途中まで書いた。"
        report.save()
        activity = Activity.objects.create(report=report, title="夏まつり", held_on="2025-08-01")
        activity.title = "秋まつり"
        activity.save()
        activity.delete()

    assert not bumps(write_a_draft)


def test_an_accepted_report_and_its_parts_empty_the_pages(bumps, report):
    report.status, report.accepted_at = Status.ACCEPTED, timezone.now()
    report.save()
    assert bumps(lambda: Activity.objects.create(report=report, title="夏まつり"))
    assert bumps(lambda: report.activities.get().delete())
    assert bumps(report.delete)


def test_moving_a_report_into_or_out_of_accepted_empties_the_pages(bumps, report):
    def move(to):
        # As a save that does not say which state it left: every move counts.
        report.status = to
        report.accepted_at = timezone.now() if to == Status.ACCEPTED else None
        report.save(update_fields=["status", "accepted_at", "updated_at"])

    move(Status.SUBMITTED)
    assert bumps(lambda: move(Status.ACCEPTED))
    assert bumps(lambda: move(Status.RETURNED))
    assert not bumps(report.save)  # the body's next draft


def test_signing_in_and_failing_to_leave_the_pages_alone(bumps, client):
    user = get_user_model().objects.create_user(username="mashiba-reporter", password=PASSWORD)
    login = reverse("councils:login")
    assert not bumps(lambda: client.post(login, {"username": user.username, "password": "wrong"}))
    assert not bumps(lambda: client.post(login, {"username": user.username, "password": PASSWORD}))
    body = CollaborationBody.objects.get(name="真柴まちづくり協議会")
    assert not bumps(lambda: BodyReporter.objects.create(user=user, body=body))


def test_a_public_change_empties_the_pages(bumps):
    assert bumps(actual_of_1_1)


# Which pages a change empties: those that read its table.


def served_from_cache(client, path) -> bool:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries) == 1


def test_a_change_empties_the_pages_that_read_its_table_and_no_other(
    client, django_capture_on_commit_callbacks
):
    for path in ("/plan/", "/indicators/1-1/", "/about/"):
        client.get(path)
        assert served_from_cache(client, path)
    with django_capture_on_commit_callbacks(execute=True):
        term = GlossaryTerm.objects.order_by("number").first()
        term.definition = "地域の課題を、市民と市が力を合わせて解決すること。"
        term.save()
    assert not served_from_cache(client, "/about/")
    assert "市民と市が力を合わせて解決すること" in client.get("/about/").text
    assert served_from_cache(client, "/plan/")  # shows no glossary
    assert served_from_cache(client, "/indicators/1-1/")


def test_accepting_a_report_empties_the_pages_of_reports_and_keeps_the_plans(
    client, django_capture_on_commit_callbacks, report, city_editor
):
    from councils.services import report_transition

    body_page = report.body.get_absolute_url()
    for path in ("/plan/", body_page):
        client.get(path)
        assert served_from_cache(client, path)
    report.status = Status.SUBMITTED
    report.save()
    with django_capture_on_commit_callbacks(execute=True):
        report_transition(report=report, to=Status.ACCEPTED, user=city_editor)
    assert not served_from_cache(client, body_page)
    assert served_from_cache(client, "/plan/")


def test_the_sample_banner_depends_on_the_sample_rows_only(
    client, django_capture_on_commit_callbacks
):
    """Every page says when sample figures are shown; a real actual must not empty them all,
    while a sample row added, or one that stops being a sample, must."""
    banner = 'class="sample-banner"'

    def committed(change):
        with django_capture_on_commit_callbacks(execute=True):
            return change()

    client.get("/about/")
    committed(actual_of_1_1)  # a real figure: /about/ shows no actual
    assert served_from_cache(client, "/about/")
    assert banner not in client.get("/about/").text

    indicator = Indicator.objects.get(code="1-1")
    sample = committed(
        lambda: IndicatorValue.objects.create(
            indicator=indicator, fiscal_year=2025, value=7600, is_sample=True
        )
    )
    assert not served_from_cache(client, "/about/")
    assert banner in client.get("/about/").text

    def no_longer_a_sample():  # as staff would untick it in the admin
        sample.is_sample = False
        sample.save()

    committed(no_longer_a_sample)
    assert not served_from_cache(client, "/about/")
    assert banner not in client.get("/about/").text


def test_the_servers_of_one_release_share_pages_and_a_new_release_renders_its_own(
    client, monkeypatch
):
    """A deploy that changes a template or a wording must not serve pages the previous
    release rendered from Redis, even while servers of both releases run side by side."""
    client.get("/about/")
    assert served_from_cache(client, "/about/")
    release = page_cache.release
    monkeypatch.setattr(page_cache, "release", lambda: "another-release")
    assert not served_from_cache(client, "/about/")
    monkeypatch.setattr(page_cache, "release", release)
    assert served_from_cache(client, "/about/")  # the other release's server still has its own


def test_the_release_is_the_fingerprint_of_what_renders_the_pages(settings):
    files = {str(path.relative_to(settings.BASE_DIR)) for path in page_cache._release_files()}
    assert {"templates/base.html", "core/cache.py", "locale/en/LC_MESSAGES/django.mo"} <= files
    assert not any("site-packages" in name or name.startswith("tests/") for name in files)
    again = page_cache.release()
    page_cache.release.cache_clear()
    assert page_cache.release() == again  # contents, not dates or the process


def test_a_change_that_names_no_table_empties_every_page(client, bumps):
    client.get("/about/")
    assert served_from_cache(client, "/about/")
    assert bumps(page_cache.invalidate_public_pages)
    assert not served_from_cache(client, "/about/")


def test_a_page_rendered_while_its_data_changed_is_not_served_after_the_change(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    """The versions are read before the page is rendered: a change committed meanwhile
    leaves the stored page older than the versions, so the next visit renders it again."""
    read_versions = page_cache.page_versions

    def change_after_reading():
        versions = read_versions()
        with django_capture_on_commit_callbacks(execute=True):
            value = actual_of_1_1()
            value.value = 8888
            value.save()
        return versions

    monkeypatch.setattr(page_cache, "page_versions", change_after_reading)
    client.get("/indicators/1-1/")
    monkeypatch.setattr(page_cache, "page_versions", read_versions)
    assert not served_from_cache(client, "/indicators/1-1/")
    assert served_from_cache(client, "/indicators/1-1/")


# Who a page may be stored for.


def with_pending_message(client, text):
    """Give ``client`` a flash message waiting to be shown, as a redirect after a save does."""
    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(constants.SUCCESS, text)
    response = HttpResponse()
    storage.update(response)
    client.cookies.update(response.cookies)
    return client


def test_a_flash_message_is_never_stored_in_a_cached_page(client):
    url = f"/reports/{report_years()[0]}/"
    reporter = with_pending_message(Client(), "下書きを保存しました。")
    assert "下書きを保存しました。" in reporter.get(url).content.decode()
    assert "下書きを保存しました。" not in client.get(url).content.decode()
    assert "下書きを保存しました。" not in reporter.get(url).content.decode()  # shown once


def test_a_flash_message_is_shown_even_when_the_page_is_cached(client):
    url = f"/reports/{report_years()[0]}/"
    client.get(url)
    reporter = with_pending_message(Client(), "下書きを保存しました。")
    assert "下書きを保存しました。" in reporter.get(url).content.decode()


def test_a_page_that_shows_no_messages_keeps_them_waiting(client):
    reporter = with_pending_message(Client(), "下書きを保存しました。")
    client.get("/plan/")
    reporter.get("/plan/")  # served from the cache
    assert (
        "下書きを保存しました。" in reporter.get(f"/reports/{report_years()[0]}/").content.decode()
    )


def test_a_page_rendered_for_a_signed_in_user_is_not_stored(client, city_viewer):
    signed_in = Client()
    signed_in.force_login(city_viewer)
    signed_in.get("/plan/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/plan/")
    assert len(queries) > 1  # rendered afresh for the anonymous visitor


def test_a_signed_in_user_is_served_the_page_everyone_sees(client, city_viewer):
    page = client.get("/plan/").content
    client.force_login(city_viewer)
    assert client.get("/plan/").content == page


def test_the_layout_shows_nothing_about_the_user():
    from django.conf import settings

    layout = (settings.BASE_DIR / "templates" / "base.html").read_text(encoding="utf-8")
    assert "user" not in layout and "logout" not in layout


def test_the_cache_module_keeps_no_version_in_the_cache():
    assert not hasattr(page_cache, "VERSION_KEY")
