"""E-mails waiting to be sent, or sent: a mail server that is down never loses one."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingMailQuerySet(models.QuerySet):
    def unsent(self):
        return self.filter(sent_at__isnull=True)


class OutgoingMail(models.Model):
    # 998 characters: the longest line RFC 5322 allows, and a subject is one line.
    subject = models.CharField(_("件名"), max_length=998)
    body = models.TextField(_("本文"))
    recipients = models.JSONField(_("宛先"), default=list)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    sent_at = models.DateTimeField(_("送信日時"), null=True, blank=True, db_index=True)
    attempts = models.PositiveIntegerField(_("送信を試みた回数"), default=0)
    last_error = models.TextField(_("最後のエラー"), blank=True)
    last_attempt_at = models.DateTimeField(_("最後に送信を試みた日時"), null=True, blank=True)
    claimed_at = models.DateTimeField(
        _("送信を始めた日時"),
        null=True,
        blank=True,
        help_text=_("送信中の印です。送信が終わると空に戻ります。"),
    )

    objects = OutgoingMailQuerySet.as_manager()

    class Meta:
        verbose_name = _("送信メール")
        verbose_name_plural = _("送信メール")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.subject
