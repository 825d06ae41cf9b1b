"""Who hears of a report's moves: the city of each submission (PORTAL_STAFF_EMAILS and the
editors' own addresses), the body of the requests its report is returned with now."""

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from core.staff_groups import EDITOR_GROUP
from councils.models import AnnualReport
from councils.notifications import staff_emails
from councils.services import current_requests, report_transition
from ichinoseki_kyodo.env import env_emails
from outbox.models import OutgoingMail

from .conftest import YEAR, complete

pytestmark = pytest.mark.django_db
Status = AnnualReport.Status
ROOT = Path(__file__).resolve().parents[2]


def submit(report, reporter):
    report_transition(report=report, to=Status.SUBMITTED, user=reporter)


def last_mail() -> OutgoingMail:
    return OutgoingMail.objects.order_by("-pk").first()


def editor(django_user_model, username, email):
    user = django_user_model.objects.create_user(username, email, "pw", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITOR_GROUP))
    return user


# --- The address list --------------------------------------------------------------------


def test_env_emails_reads_a_comma_separated_list_each_address_once(monkeypatch):
    monkeypatch.setenv(
        "PORTAL_TEST_EMAILS", " kyodo@city.example.jp, ka@example.jp,KYODO@city.example.jp,"
    )
    assert env_emails("PORTAL_TEST_EMAILS") == ["kyodo@city.example.jp", "ka@example.jp"]
    monkeypatch.setenv("PORTAL_TEST_EMAILS", "")
    assert env_emails("PORTAL_TEST_EMAILS") == []
    monkeypatch.delenv("PORTAL_TEST_EMAILS")
    assert env_emails("PORTAL_TEST_EMAILS") == []


@pytest.mark.parametrize("raw", ["kyodo", "kyodo@city.example.jp; ka@example.jp", "@example.jp"])
def test_env_emails_refuses_what_is_not_an_address(monkeypatch, raw):
    monkeypatch.setenv("PORTAL_TEST_EMAILS", raw)
    with pytest.raises(ImproperlyConfigured, match="PORTAL_TEST_EMAILS must be e-mail addresses"):
        env_emails("PORTAL_TEST_EMAILS")


def _import_settings(**env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PORTAL_"))}
    environment.update(DJANGO_DEBUG="1", **env)
    script = "from ichinoseki_kyodo import settings; print(settings.PORTAL_STAFF_EMAILS)"
    return subprocess.run(  # noqa: S603 - this interpreter importing the project's settings
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_portal_refuses_to_start_with_an_address_it_cannot_read():
    result = _import_settings(PORTAL_STAFF_EMAILS="kyodo@city.example.jp, 協働推進課")
    assert result.returncode != 0
    assert "PORTAL_STAFF_EMAILS must be e-mail addresses" in result.stderr
    assert "'協働推進課' is not one" in result.stderr


def test_the_portal_reads_the_address_list_at_start():
    result = _import_settings(PORTAL_STAFF_EMAILS="kyodo@city.example.jp,ka@example.jp")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['kyodo@city.example.jp', 'ka@example.jp']"
    assert _import_settings().stdout.strip() == "[]"


# --- A submission reaches the city ----------------------------------------------------------


def test_a_submission_reaches_the_configured_addresses_when_no_editor_has_one(
    settings, started_report, reporter_a, city_editor
):
    settings.PORTAL_STAFF_EMAILS = ["kyodo@city.example.jp"]
    assert city_editor.email == ""
    complete(started_report)
    submit(started_report, reporter_a)
    mail = last_mail()
    assert mail.recipients == ["kyodo@city.example.jp"]
    assert "真柴まちづくり協議会から令和7年度の年次報告が提出されました。" in mail.body
    assert f"/portal/review/{started_report.pk}/" in mail.body


def test_a_submission_reaches_the_list_and_the_editors_each_address_once(
    settings, started_report, reporter_a, django_user_model
):
    settings.PORTAL_STAFF_EMAILS = ["kyodo@city.example.jp", "kacho@city.example.jp"]
    editor(django_user_model, "sato", "Kyodo@City.example.jp")  # the section's shared address
    editor(django_user_model, "suzuki", "suzuki@city.example.jp")
    retired = editor(django_user_model, "tanaka", "tanaka@city.example.jp")
    retired.is_active = False
    retired.save()
    complete(started_report)
    submit(started_report, reporter_a)
    assert last_mail().recipients == [
        "kyodo@city.example.jp",
        "kacho@city.example.jp",
        "suzuki@city.example.jp",
    ]


def test_without_any_address_nobody_is_mailed(settings, started_report, reporter_a, city_editor):
    settings.PORTAL_STAFF_EMAILS = []
    assert staff_emails() == []
    complete(started_report)
    submit(started_report, reporter_a)
    assert not OutgoingMail.objects.exists()


# --- The demo accounts show the mails on the console ------------------------------------------


def run(command):
    out = io.StringIO()
    call_command(command, stdout=out)
    return out.getvalue()


def test_the_demo_staff_accounts_have_example_addresses_so_submissions_reach_the_editor(
    settings, django_user_model
):
    settings.PORTAL_STAFF_EMAILS = []
    run("load_sample_data")
    run("create_demo_accounts")
    emails = dict(django_user_model.objects.values_list("username", "email"))
    assert emails["admin"] == "admin@example.jp"
    assert emails["editor"] == "editor@example.jp"
    assert emails["viewer"] == "viewer@example.jp"
    assert staff_emails() == ["editor@example.jp"]


def test_demo_staff_accounts_made_without_an_address_get_one(settings, django_user_model):
    settings.PORTAL_STAFF_EMAILS = []
    before = django_user_model.objects.create_user("editor", "", "pw", is_staff=True)
    before.groups.add(Group.objects.get(name=EDITOR_GROUP))
    django_user_model.objects.create_user("viewer", "kyodo@city.example.jp", "pw", is_staff=True)
    out = run("create_demo_accounts")
    assert "メールアドレス editor@example.jp を設定しました。" in out
    assert staff_emails() == ["editor@example.jp"]
    viewer = django_user_model.objects.get(username="viewer")
    assert viewer.email == "kyodo@city.example.jp"  # an address already there stays


# --- A returned report: only the current requests --------------------------------------------


@pytest.fixture
def reopened(started_report, reporter_a, city_editor):
    """Returned for section 3, fixed and accepted, then reopened for section 5."""
    report = started_report
    complete(report)
    submit(report, reporter_a)
    report_transition(
        report=report,
        to=Status.RETURNED,
        user=city_editor,
        comments={"centers": "利用者数を確認してください。"},
    )
    submit(report, reporter_a)
    report_transition(report=report, to=Status.ACCEPTED, user=city_editor)
    report_transition(
        report=report,
        to=Status.RETURNED,
        user=city_editor,
        comments={
            "results": "次年度の取組を具体的に書いてください。",
            "activities": "日付を確認してください。",
        },
    )
    return report


def test_the_helper_gives_the_last_returns_comments_in_the_reports_order(reopened):
    comments = list(reopened.current_review_comments())
    assert [c.section for c in comments] == ["activities", "results"]
    assert reopened.review_comments.count() == 3
    assert list(current_requests(reopened)) == ["activities", "results"]


def test_the_helper_gives_nothing_once_the_report_is_submitted_again(reopened, reporter_a):
    submit(reopened, reporter_a)
    assert list(reopened.current_review_comments()) == []
    assert current_requests(reopened) == {}


def test_the_returned_mail_lists_only_the_current_requests_by_section(reopened):
    mail = last_mail()
    assert mail.recipients == ["mashiba@example.jp"]
    assert "利用者数を確認してください。" not in mail.body
    assert "3. 市民センター" not in mail.body
    requests = re.findall(r"■ (.+)\n・(.+)\n", mail.body)
    assert requests == [
        ("2. 活動実績", "日付を確認してください。"),
        ("5. 成果と課題・次年度の取組", "次年度の取組を具体的に書いてください。"),
    ]


def test_the_first_returned_mail_lists_its_requests(started_report, reporter_a, city_editor):
    complete(started_report)
    submit(started_report, reporter_a)
    report_transition(
        report=started_report,
        to=Status.RETURNED,
        user=city_editor,
        comments={"centers": "利用者数を確認してください。"},
    )
    assert re.findall(r"■ (.+)\n・(.+)\n", last_mail().body) == [
        ("3. 市民センター", "利用者数を確認してください。")
    ]


def portal_requests(client) -> list[tuple[str, str, str]]:
    html = client.get("/portal/").content.decode()
    return re.findall(
        r'<p class="mb-1 small portal-request"><a href="([^"]+)">([^<]+)</a>：(.*?)</p>', html
    )


def test_the_portal_shows_only_the_current_requests_beside_their_sections(
    client, reporter_a, reopened
):
    client.force_login(reporter_a)
    html = client.get("/portal/").content.decode()
    assert "利用者数を確認してください。" not in html
    assert portal_requests(client) == [
        (f"/portal/reports/{YEAR}/activities/", "2. 活動実績", "日付を確認してください。"),
        (
            f"/portal/reports/{YEAR}/results/",
            "5. 成果と課題・次年度の取組",
            "次年度の取組を具体的に書いてください。",
        ),
    ]


def test_the_portal_shows_no_request_once_the_report_is_submitted_again(
    client, reporter_a, reopened
):
    submit(reopened, reporter_a)
    client.force_login(reporter_a)
    assert portal_requests(client) == []
    assert "日付を確認してください。" not in client.get("/portal/").content.decode()
