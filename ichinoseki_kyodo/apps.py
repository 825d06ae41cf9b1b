from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "ichinoseki_kyodo"
    verbose_name = _("一関市協働推進ポータル")

    def ready(self):
        from ichinoseki_kyodo.cache import connect_invalidation

        connect_invalidation()
