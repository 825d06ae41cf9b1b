"""Reminders about the annual reports: which are due on a day, and sending them.

``manage.py send_report_reminders`` runs these rules every day:

- A body that has not submitted its report hears once, ``days`` days before the due date.
- After its deadline (the due date, or the end of its latest extension) the portal refuses
  the body's edits until the city extends it, so the body is asked to request an
  extension: on the first day after, then every ``every`` days, at most
  ``MAX_OVERDUE_REMINDERS`` times per deadline.
- A report the city returned and the body has not resubmitted is overdue from the day
  after the latest of the due date, the day it was returned and the end of an extension
  (``report_deadline()``; the staff board counts the same days). Its body hears every
  ``every`` days after the return, at most ``MAX_RETURNED_REMINDERS`` times per return.
- Nothing more is sent about a fiscal year once the next year's reporting period has opened.
- Each reminder is recorded (``ReportReminder``), once a day at most per body, year and
  kind; a body with no reporter's address is recorded and listed for staff instead.
- Staff get one mail per run listing the overdue bodies reminded and the bodies that could
  not be reached.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from councils import notifications
from councils.models import (
    AnnualReport,
    CollaborationBody,
    ReportExtension,
    ReportingPeriod,
    ReportReminder,
)
from outbox.models import OutgoingMail

Kind = ReportReminder.Kind
Status = AnnualReport.Status

MAX_OVERDUE_REMINDERS = 3
MAX_RETURNED_REMINDERS = 3
MAX_REMINDERS = {
    Kind.DUE_SOON: 1,
    Kind.OVERDUE: MAX_OVERDUE_REMINDERS,
    Kind.RETURNED: MAX_RETURNED_REMINDERS,
}


def report_deadline(
    period: ReportingPeriod, report: AnnualReport | None, extended_until: datetime.date | None
) -> datetime.date:
    """The last day the body may still file ``report`` (``None``: not started) without
    asking the city: the due date or a later extension, and for a returned report no
    earlier than the day it was returned."""
    days = [period.due_on]
    if extended_until is not None:
        days.append(extended_until)
    if report is not None and report.status == Status.RETURNED and report.returned_at:
        days.append(timezone.localdate(report.returned_at))
    return max(days)


def days_overdue(
    period: ReportingPeriod,
    report: AnnualReport | None,
    extended_until: datetime.date | None,
    today: datetime.date,
) -> int:
    """How many days a report the body still owes (not started, a draft, or returned and
    not resubmitted) is past ``report_deadline()``; 0 for any other report."""
    if report is not None and report.status not in (Status.DRAFT, Status.RETURNED):
        return 0
    return max(0, (today - report_deadline(period, report, extended_until)).days)


def latest_extensions(fiscal_years) -> dict[tuple[int, int], datetime.date]:
    """{(body id, fiscal year): the end of the body's latest extension for that year}."""
    rows = (
        ReportExtension.objects.filter(fiscal_year__in=list(fiscal_years))
        .order_by()
        .values_list("body", "fiscal_year")
        .annotate(until=Max("until"))
    )
    return {(body, year): until for body, year, until in rows}


@dataclass
class Reminder:
    body: CollaborationBody
    period: ReportingPeriod
    kind: str
    recipients: list[str]
    report: AnnualReport | None
    deadline: datetime.date
    overdue: int
    number: int  # 1 for the first of its kind since the deadline
    comments: list = field(default_factory=list)

    @property
    def limit(self) -> int:
        return MAX_REMINDERS[self.kind]

    @property
    def kind_label(self) -> str:
        return Kind(self.kind).label


def reminders_due(today: datetime.date, *, days: int, every: int) -> list[Reminder]:
    """The reminders to send on ``today``, by fiscal year and in the board's order of bodies."""
    periods = list(ReportingPeriod.objects.filter(opens_on__lte=today).order_by("fiscal_year"))
    opened = {period.fiscal_year for period in periods}
    periods = [period for period in periods if period.fiscal_year + 1 not in opened]
    years = [period.fiscal_year for period in periods]
    extensions = latest_extensions(years)
    reports = {
        (report.body_id, report.fiscal_year): report
        for report in AnnualReport.objects.filter(fiscal_year__in=years)
    }
    sent = defaultdict(list)
    for body, year, kind, sent_on in ReportReminder.objects.filter(
        fiscal_year__in=years
    ).values_list("body", "fiscal_year", "kind", "sent_on"):
        sent[body, year, kind].append(sent_on)
    due = []
    for period in periods:
        year = period.fiscal_year
        for body in CollaborationBody.objects.active_in(year).for_listing():
            report = reports.get((body.pk, year))
            if report is not None and report.status not in (Status.DRAFT, Status.RETURNED):
                continue
            deadline = report_deadline(period, report, extensions.get((body.pk, year)))
            overdue = max(0, (today - deadline).days)
            returned = report is not None and report.status == Status.RETURNED
            if overdue:
                kind = Kind.RETURNED if returned else Kind.OVERDUE
                earlier = [day for day in sent[body.pk, year, kind] if day > deadline]
            elif returned:
                continue  # within its deadline: the return mail has said it all
            elif 0 <= period.days_left(today) <= days:
                kind = Kind.DUE_SOON
                earlier = sent[body.pk, year, kind]
            else:
                continue
            if len(earlier) >= MAX_REMINDERS[kind]:
                continue
            # The return mail counts as the first word to the body.
            last = max(
                earlier, default=timezone.localdate(report.returned_at) if returned else None
            )
            if last is not None and (today - last).days < every:
                continue
            due.append(
                Reminder(
                    body=body,
                    period=period,
                    kind=kind,
                    recipients=notifications._reporter_emails(body),
                    report=report,
                    deadline=deadline,
                    overdue=overdue,
                    number=len(earlier) + 1,
                    comments=list(report.current_review_comments()) if returned else [],
                )
            )
    return due


def reminders_send(reminders: list[Reminder], *, today: datetime.date) -> list[int]:
    """Queue and record each reminder, and one mail to staff listing what was done.

    Returns the ids of the queued mails, for the caller to send. A reminder another run
    has recorded for ``today`` is skipped.
    """
    done = []
    queued = []
    for reminder in reminders:
        try:
            with transaction.atomic():
                mail = _queue(reminder)
                ReportReminder.objects.create(
                    body=reminder.body,
                    fiscal_year=reminder.period.fiscal_year,
                    kind=reminder.kind,
                    sent_on=today,
                    recipients=reminder.recipients,
                    mail=mail,
                )
        except IntegrityError:
            continue
        done.append(reminder)
        if mail is not None:
            queued.append(mail.pk)
    staff_mail = staff_summary_queue(done, today=today)
    if staff_mail is not None:
        queued.append(staff_mail.pk)
    return queued


def _queue(reminder: Reminder) -> OutgoingMail | None:
    return notifications.report_reminder(
        reminder.body,
        reminder.period,
        kind=reminder.kind,
        deadline=reminder.deadline,
        report=reminder.report,
        comments=reminder.comments,
    )


def staff_sections(reminders: list[Reminder]) -> dict[str, list[Reminder]]:
    """What staff are told: the overdue and returned reports whose bodies were reminded,
    and every body that could not be (no reporter, or none with an address)."""
    return {
        "overdue": [r for r in reminders if r.recipients and r.kind == Kind.OVERDUE],
        "returned": [r for r in reminders if r.recipients and r.kind == Kind.RETURNED],
        "unreachable": [r for r in reminders if not r.recipients],
    }


def staff_summary_queue(reminders: list[Reminder], *, today) -> OutgoingMail | None:
    sections = staff_sections(reminders)
    if not any(sections.values()):
        return None
    return notifications.report_reminders_for_staff(today=today, **sections)
