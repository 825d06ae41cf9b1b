"""E-mails about annual reports (Django's mail framework; console backend in development)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from plans.staff_groups import EDITOR_GROUP


def _site_url(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def _reporter_emails(body) -> list[str]:
    return [r.user.email for r in body.reporters.select_related("user") if r.user.email]


def _staff_emails() -> list[str]:
    users = get_user_model().objects.filter(groups__name=EDITOR_GROUP, is_active=True)
    return sorted({user.email for user in users if user.email})


def _send(template: str, report, recipients: list[str], **context) -> int:
    if not recipients:
        return 0
    with translation.override("ja"):
        context = {"report": report, **context}
        subject = render_to_string(f"councils/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"councils/email/{template}.txt", context)
    return send_mail(subject, body, None, recipients)


def report_submitted(report) -> int:
    url = _site_url(reverse("councils:review", args=[report.pk]))
    return _send("submitted", report, _staff_emails(), url=url)


def report_returned(report) -> int:
    url = _site_url(reverse("councils:report", args=[report.fiscal_year]))
    comments = report.review_comments.all()[:10]
    return _send("returned", report, _reporter_emails(report.body), url=url, comments=comments)


def report_accepted(report) -> int:
    url = _site_url(reverse("councils:report", args=[report.fiscal_year]))
    return _send("accepted", report, _reporter_emails(report.body), url=url)


def report_reminder(report_body, period, *, overdue: bool) -> int:
    url = _site_url(reverse("councils:report", args=[period.fiscal_year]))
    return _send(
        "reminder", None, _reporter_emails(report_body), body=report_body, period=period,
        overdue=overdue, url=url,
    )  # fmt: skip
