from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The site's roof: settings, URLs, the home page, the sitemap and the commands that
    work across every app (sample data, demo accounts, ``import``)."""

    name = "ichinoseki_kyodo"
    verbose_name = _("一関市協働推進ポータル")
