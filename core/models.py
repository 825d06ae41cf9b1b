"""The one table of the base app: the version of the public pages (see core/cache.py)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

ROW_ID = 1


class PublicPagesVersion(models.Model):
    """One row whose number grows after every commit that changes what the public sees.

    Cached public pages are keyed by it, so every process (web workers, commands, cron)
    reads the same number and none serves a page from before a change.
    """

    version = models.PositiveBigIntegerField(_("版"), default=1)

    class Meta:
        verbose_name = _("公開ページの版")
        verbose_name_plural = _("公開ページの版")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(pk=ROW_ID), name="public_pages_version_one_row"),
        ]

    def __str__(self):
        return str(self.version)
