"""E-mails about annual reports, queued in the outbox with the change they report.

Each function renders its mail and queues it in the caller's transaction: it is sent once
that commits, retried by ``send_queued_mail`` if the mail server is down, and never sent
if the change rolls back. Each returns the queued mail, or ``None`` without recipients.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.staff_groups import EDITOR_GROUP
from councils.sections import SECTION_LABELS
from outbox.models import OutgoingMail
from outbox.services import mail_queue


def _site_url(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def _reporter_emails(body) -> list[str]:
    return [r.user.email for r in body.reporters.select_related("user") if r.user.email]


def staff_emails() -> list[str]:
    """Who is told of a submission: the addresses in ``PORTAL_STAFF_EMAILS``, then the
    active editors' own, each address once. Empty when nobody would be told (the admin
    home says so)."""
    users = get_user_model().objects.filter(groups__name=EDITOR_GROUP, is_active=True)
    editors = sorted({user.email for user in users if user.email})
    recipients, seen = [], set()
    for address in [*settings.PORTAL_STAFF_EMAILS, *editors]:
        if address.lower() not in seen:
            seen.add(address.lower())
            recipients.append(address)
    return recipients


def _queue(
    template: str, report, recipients: list[str], *, send_on_commit: bool = True, **context
) -> OutgoingMail | None:
    if not recipients:
        return None
    with translation.override("ja"):
        context = {"report": report, **context}
        subject = render_to_string(f"councils/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"councils/email/{template}.txt", context)
    return mail_queue(
        subject=subject, body=body, recipients=recipients, send_on_commit=send_on_commit
    )


def _by_section(comments) -> list[dict]:
    """Review comments as the mails list them: each with its section's name."""
    return [
        {"section": SECTION_LABELS.get(comment.section, comment.section), "comment": comment}
        for comment in comments
    ]


def report_submitted(report) -> OutgoingMail | None:
    url = _site_url(reverse("councils:review", args=[report.pk]))
    return _queue("submitted", report, staff_emails(), url=url)


def report_returned(report) -> OutgoingMail | None:
    url = _site_url(reverse("councils:report", args=[report.fiscal_year]))
    requests = _by_section(report.current_review_comments())
    return _queue("returned", report, _reporter_emails(report.body), url=url, requests=requests)


def report_accepted(report) -> OutgoingMail | None:
    url = _site_url(reverse("councils:report", args=[report.fiscal_year]))
    return _queue("accepted", report, _reporter_emails(report.body), url=url)


def report_reminder(
    report_body, period, *, kind: str, deadline, report=None, comments=()
) -> OutgoingMail | None:
    """Queue a reminder of ``kind`` (``ReportReminder.Kind``) without sending it: the caller
    sends its whole batch and reports how that went (``mail_send_pending(ids=…)``); what it
    leaves is sent by cron. ``comments`` are the city's current requests of a returned report."""
    url = _site_url(reverse("councils:report", args=[period.fiscal_year]))
    requests = _by_section(comments)
    return _queue(
        "reminder", report, _reporter_emails(report_body), send_on_commit=False,
        body=report_body, period=period, kind=kind, deadline=deadline, requests=requests,
        url=url,
    )  # fmt: skip


def report_reminders_for_staff(*, today, overdue, returned, unreachable) -> OutgoingMail | None:
    """Queue, without sending, one mail telling staff of the day's reminders: the overdue
    and returned reports whose bodies were reminded, and the bodies no mail could reach."""
    url = _site_url(reverse("councils:board"))
    return _queue(
        "reminder_staff", None, staff_emails(), send_on_commit=False, today=today,
        overdue=overdue, returned=returned, unreachable=unreachable, url=url,
    )  # fmt: skip
