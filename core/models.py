"""The one table of the base app: the versions of the public pages' data (see core/cache.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The row every cached page depends on: a change that names no table bumps it.
EVERY_PAGE = "*"


class PublicTableVersion(models.Model):
    """One row per database table behind the public pages; its number grows after every
    commit that changes what the public sees in that table.

    A cached page remembers the versions of the tables it read, so every process (web
    workers, commands, cron) reads the same numbers and none serves a page from before a
    change, while a change to one table leaves the pages that never read it in the cache.
    """

    table = models.CharField(_("テーブル"), max_length=100, primary_key=True)
    version = models.PositiveBigIntegerField(_("版"))

    class Meta:
        verbose_name = _("公開ページのデータの版")
        verbose_name_plural = _("公開ページのデータの版")
        ordering = ["table"]

    def __str__(self):
        return f"{self.table}: {self.version}"
