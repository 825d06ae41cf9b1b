"""Which reminders about a report were sent, so that a daily run sends each at most once."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fiscal import wareki_fiscal_year
from councils.models.registry import CollaborationBody


class ReportReminder(models.Model):
    """One reminder to one body about its report of one fiscal year, on one day.

    A body without a reporter's address gets a row too, with no recipients: it was listed
    for staff instead, and counts towards the bound like a mail.
    """

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("提出期限の前")
        OVERDUE = "overdue", _("提出期限の後")
        RETURNED = "returned", _("修正のお願いの後")

    body = models.ForeignKey(
        CollaborationBody,
        on_delete=models.CASCADE,
        related_name="report_reminders",
        verbose_name=_("地域協働体"),
    )
    fiscal_year = models.PositiveSmallIntegerField(_("報告の対象年度"))
    kind = models.CharField(_("種類"), max_length=10, choices=Kind.choices)
    sent_on = models.DateField(_("送信日"))
    recipients = models.JSONField(_("宛先"), default=list, blank=True)
    mail = models.ForeignKey(
        "outbox.OutgoingMail",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("送信メール"),
    )

    class Meta:
        verbose_name = _("報告のお知らせ")
        verbose_name_plural = _("報告のお知らせ")
        ordering = ["-sent_on", "body__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "fiscal_year", "kind", "sent_on"], name="reminder_once_a_day"
            ),
        ]

    def __str__(self):
        return f"{self.body} {wareki_fiscal_year(self.fiscal_year)} {self.get_kind_display()}"
