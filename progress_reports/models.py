"""The frozen 進捗状況報告書 of a fiscal year: the record the 協働推進会議 reviewed."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fiscal import wareki_fiscal_year


class FrozenReport(models.Model):
    """A year's report as it stood when staff froze it; never changed afterwards.

    ``data`` is what ``progress_reports.builder.build_report`` returned at that moment, so
    the page, the print and the XLSX of a frozen year are drawn from it, not from today's data.
    """

    fiscal_year = models.PositiveSmallIntegerField(_("対象年度"), unique=True)
    data = models.JSONField(_("報告書の内容"), encoder=DjangoJSONEncoder)
    note = models.TextField(
        _("確定時の注記"), blank=True, help_text=_("例：令和7年11月の協働推進会議に提出")
    )
    frozen_at = models.DateTimeField(_("確定日時"), auto_now_add=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("確定した職員"),
    )

    class Meta:
        verbose_name = _("確定した進捗状況報告書")
        verbose_name_plural = _("確定した進捗状況報告書")
        ordering = ["-fiscal_year"]

    def __str__(self):
        return _("%(year)sの進捗状況報告書（確定版）") % {
            "year": wareki_fiscal_year(self.fiscal_year)
        }

    def get_absolute_url(self):
        return reverse("progress_reports:report", args=[self.fiscal_year])
