"""``manage.py send_report_reminders`` run daily: who hears what, how often, and when it stops.

"Today" stays today: a day passing is simulated by moving the period, the extensions, the
return and the reminders already recorded one day into the past (``days_pass()``).
"""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone

from core.fiscal import wareki_date
from councils.models import (
    AnnualReport,
    CollaborationBody,
    ReportExtension,
    ReportingPeriod,
    ReportReminder,
)
from councils.reminders import MAX_OVERDUE_REMINDERS, MAX_RETURNED_REMINDERS
from councils.services import report_transition
from outbox.models import OutgoingMail

from .conftest import YEAR, complete

pytestmark = pytest.mark.django_db
Status = AnnualReport.Status
DAY = datetime.timedelta(days=1)


def days_pass(n=1):
    ReportingPeriod.objects.update(opens_on=F("opens_on") - n * DAY, due_on=F("due_on") - n * DAY)
    ReportExtension.objects.update(until=F("until") - n * DAY)
    ReportReminder.objects.update(sent_on=F("sent_on") - n * DAY)
    AnnualReport.objects.exclude(returned_at=None).update(returned_at=F("returned_at") - n * DAY)


def set_due(period, days_from_today):
    period.due_on = timezone.localdate() + datetime.timedelta(days=days_from_today)
    period.opens_on = min(period.opens_on, period.due_on)
    period.save()


def run(*args):
    out = io.StringIO()
    mail.outbox.clear()
    call_command("send_report_reminders", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def mails_to(address):
    return [message for message in mail.outbox if address in message.to]


def a_body_without_reporter():
    return CollaborationBody.objects.active_in(YEAR).filter(reporters=None).order_by("pk").first()


@pytest.fixture
def returned(period, started_report, reporter_a, city_editor):
    """真柴's report, submitted on time and returned after the due date, not resubmitted."""
    complete(started_report)
    report_transition(report=started_report, to=Status.SUBMITTED, user=reporter_a)
    set_due(period, -3)
    report_transition(
        report=started_report,
        to=Status.RETURNED,
        user=city_editor,
        comments={"results": "成果の記述を具体的にしてください。"},
    )
    return started_report


def test_it_tells_an_overdue_body_to_ask_the_city_for_an_extension(period, reporter_a):
    set_due(period, -1)
    run()
    (message,) = mails_to("mashiba@example.jp")
    assert "提出期限を過ぎています" in message.subject
    assert "報告の画面では入力も提出もできなくなっています" in message.body
    assert "市の担当課（協働推進課）に提出期限の延長をお申し出ください" in message.body
    assert "お早めにご提出ください" not in message.body


def test_it_lists_the_overdue_bodies_for_staff_in_one_mail(
    period, reporter_a, reporter_b, editor_with_email
):
    set_due(period, -1)
    run()
    (staff,) = mails_to("kyodo@example.jp")
    assert staff.to == ["kyodo@example.jp"]
    listed = staff.body.split("■ 提出期限を過ぎても提出されていない報告")[1]
    assert "・真柴まちづくり協議会（令和7年度、" in listed
    assert "・興田地区振興会（令和7年度、" in listed
    assert "1日超過、お知らせ 1／3回目" in listed


def test_a_second_run_on_the_same_day_sends_nothing_again(period, reporter_a, editor_with_email):
    set_due(period, -1)
    run()
    assert len(mails_to("mashiba@example.jp")) == 1
    out = run()
    assert mails_to("mashiba@example.jp") == []
    assert mail.outbox == []  # nor to staff
    assert out == "お知らせを0通送りました。\n"


def test_overdue_reminders_go_every_week_and_stop_after_three(period, reporter_a):
    set_due(period, 0)
    days = []
    for day in range(1, 61):
        days_pass()
        run()
        if mails_to("mashiba@example.jp"):
            days.append(day)
    assert days == [1, 8, 15]
    assert MAX_OVERDUE_REMINDERS == 3


def test_an_extension_moves_the_deadline_the_reminders_count_from(period, reporter_a):
    set_due(period, -1)
    ReportExtension.objects.create(
        body=reporter_a.reporter.body,
        fiscal_year=YEAR,
        until=timezone.localdate() + DAY,
        reason="災害対応のため",
    )
    run()
    assert mails_to("mashiba@example.jp") == []
    days_pass(2)
    run()
    (message,) = mails_to("mashiba@example.jp")
    assert f"提出期限（{wareki_date(ReportExtension.objects.get().until)}）" in message.body


def test_reminders_stop_once_the_next_years_period_has_opened(period, reporter_a):
    set_due(period, -1)
    later = ReportingPeriod.objects.create(
        fiscal_year=YEAR + 1,
        opens_on=timezone.localdate() + DAY,
        due_on=timezone.localdate() + 60 * DAY,
    )
    run()
    assert len(mails_to("mashiba@example.jp")) == 1
    later.opens_on = timezone.localdate()
    later.save()
    for _day in range(30):
        days_pass()
        run()
        assert not [m for m in mails_to("mashiba@example.jp") if "令和7年度" in m.body]


def test_a_returned_report_never_resubmitted_is_reminded_in_its_own_words(returned):
    days = []
    for day in range(1, 61):
        days_pass()
        run()
        messages = mails_to("mashiba@example.jp")
        if messages:
            days.append(day)
            (message,) = messages
    assert days == [7, 14, 21]
    assert MAX_RETURNED_REMINDERS == 3
    assert "年次報告の再提出をお待ちしています" in message.subject
    assert "市から修正のお願いがあります" in message.body
    assert "まだ再提出されていません" in message.body
    assert "成果の記述を具体的にしてください。" in message.body


def test_a_resubmitted_report_is_not_reminded(returned, reporter_a):
    report_transition(report=returned, to=Status.SUBMITTED, user=reporter_a)
    for _day in range(10):
        days_pass()
        run()
        assert mails_to("mashiba@example.jp") == []


def test_returned_reports_are_listed_for_staff(returned, editor_with_email):
    days_pass(7)
    run()
    (staff,) = mails_to("kyodo@example.jp")
    listed = staff.body.split("■ 修正のお願いの後、再提出されていない報告")[1]
    assert "・真柴まちづくり協議会（令和7年度、7日超過、お知らせ 1／3回目）" in listed


def test_bodies_without_a_reporter_are_listed_in_the_output_and_for_staff(
    period, reporter_a, editor_with_email
):
    reporter_a.email = ""
    reporter_a.save()
    other = a_body_without_reporter()
    set_due(period, 7)
    out = run()
    assert "真柴まちづくり協議会（令和7年度）：提出期限の前（1／1回目） → 宛先なし" in out
    assert f"{other.name}（令和7年度）：提出期限の前（1／1回目） → 宛先なし" in out
    (staff,) = mails_to("kyodo@example.jp")
    listed = staff.body.split("お知らせを送れなかった地域協働体")[1]
    assert "・真柴まちづくり協議会（令和7年度、提出期限の前）" in listed
    assert f"・{other.name}（令和7年度、提出期限の前）" in listed
    assert ReportReminder.objects.filter(body=other, recipients=[]).count() == 1


def test_dry_run_prints_who_would_get_what_and_sends_and_records_nothing(
    period, reporter_a, editor_with_email
):
    set_due(period, -1)
    out = run("--dry-run")
    assert out.startswith("確認のみ（送信も記録もしていません）：\n")
    assert (
        "真柴まちづくり協議会（令和7年度）：提出期限の後（1／3回目）、1日超過 → mashiba@example.jp"
        in out
    )
    assert f"{a_body_without_reporter().name}（令和7年度）：提出期限の後" in out
    assert "市の担当者へ：お知らせの送信状況 → kyodo@example.jp" in out
    assert "通送りました" not in out
    assert mail.outbox == []
    assert not OutgoingMail.objects.exists()
    assert not ReportReminder.objects.exists()
    run()
    assert len(mails_to("mashiba@example.jp")) == 1


def test_the_board_shows_how_long_a_returned_report_has_waited(client, city_viewer, returned):
    days_pass(5)
    client.force_login(city_viewer)
    html = client.get("/portal/board/").content.decode()
    cell = html.split(f'href="/portal/review/{returned.pk}/"')[1].split("</td>")[0]
    assert "5日超過" in cell


def test_the_board_counts_overdue_days_from_the_end_of_an_extension(
    client, city_viewer, period, reporter_a
):
    set_due(period, -10)
    ReportExtension.objects.create(
        body=reporter_a.reporter.body,
        fiscal_year=YEAR,
        until=timezone.localdate() - 2 * DAY,
        reason="災害対応のため",
    )
    client.force_login(city_viewer)
    html = client.get("/portal/board/").content.decode()
    row = html.split("真柴まちづくり協議会")[1].split("</tr>")[0]
    assert "2日超過" in row and "10日超過" not in row


def test_staff_read_who_was_reminded_in_the_admin_and_change_nothing(
    client, period, reporter_a, city_viewer, city_editor
):
    set_due(period, -1)
    run()
    unreachable = a_body_without_reporter()
    client.force_login(city_viewer)
    page = client.get("/admin/councils/reportreminder/").content.decode()
    row = page.split("真柴まちづくり協議会")[1].split("</tr>")[0]
    assert "令和7年度" in row and "提出期限の後" in row
    assert "mashiba@example.jp" in row and "送信済み" in row
    row = page.split(unreachable.name)[1].split("</tr>")[0]
    assert "なし（市の担当者へのお知らせに記載）" in row
    reminder = ReportReminder.objects.get(body__name="真柴まちづくり協議会")
    detail = client.get(f"/admin/councils/reportreminder/{reminder.pk}/change/")
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()
    for user in (city_viewer, city_editor):
        client.force_login(user)
        assert client.get("/admin/councils/reportreminder/add/").status_code == 403
        response = client.post(
            f"/admin/councils/reportreminder/{reminder.pk}/change/", {"kind": "due_soon"}
        )
        assert response.status_code == 403
        assert (
            client.post(f"/admin/councils/reportreminder/{reminder.pk}/delete/").status_code == 403
        )
    reminder.refresh_from_db()
    assert reminder.kind == ReportReminder.Kind.OVERDUE
