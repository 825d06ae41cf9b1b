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
from outbox.models import OutgoingMail
from outbox.services import mail_queue


def _site_url(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def _reporter_emails(body) -> list[str]:
    return [r.user.email for r in body.reporters.select_related("user") if r.user.email]


def _staff_emails() -> list[str]:
    users = get_user_model().objects.filter(groups__name=EDITOR_GROUP, is_active=True)
    return sorted({user.email for user in users if user.email})


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


def report_submitted(report) -> OutgoingMail | None:
    url = _site_url(reverse("councils:review", args=[report.pk]))
    return _queue("submitted", report, _staff_emails(), url=url)


def report_returned(report) -> OutgoingMail | None:
    url = _site_url(reverse("councils:report", args=[report.fiscal_year]))
    comments = report.review_comments.all()[:10]
    return _queue("returned", report, _reporter_emails(report.body), url=url, comments=comments)


def report_accepted(report) -> OutgoingMail | None:
    url = _site_url(reverse("councils:report", args=[report.fiscal_year]))
    return _queue("accepted", report, _reporter_emails(report.body), url=url)


def report_reminder(report_body, period, *, overdue: bool) -> OutgoingMail | None:
    """Queue a reminder without sending it: the caller sends its whole batch and reports
    how that went (``mail_send_pending(ids=…)``); what it leaves is sent by cron."""
    url = _site_url(reverse("councils:report", args=[period.fiscal_year]))
    return _queue(
        "reminder", None, _reporter_emails(report_body), send_on_commit=False,
        body=report_body, period=period, overdue=overdue, url=url,
    )  # fmt: skip
