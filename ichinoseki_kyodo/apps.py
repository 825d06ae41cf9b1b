from django.apps import AppConfig
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _

from ichinoseki_kyodo.fiscal import PlanYearConverter


class PortalConfig(AppConfig):
    name = "ichinoseki_kyodo"
    verbose_name = _("一関市協働推進ポータル")

    def ready(self):
        from ichinoseki_kyodo.cache import connect_invalidation
        from ichinoseki_kyodo.files import connect_file_cleanup

        connect_invalidation()
        connect_file_cleanup()
        # Before any URLconf is loaded: the apps' URLs name fiscal years with it.
        register_converter(PlanYearConverter, "plan_year")
