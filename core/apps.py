from django.apps import AppConfig
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _

from core.fiscal import PlanYearConverter


class CoreConfig(AppConfig):
    """The base every app builds on: fiscal years, parsing, imports, downloads, charts,
    the page cache and the admin's shared parts. It imports no other app of the portal."""

    name = "core"
    verbose_name = _("共通")

    def ready(self):
        # Modules that use models load once the app registry is ready.
        from core.cache import connect_invalidation
        from core.files import connect_file_cleanup

        connect_invalidation()
        connect_file_cleanup()
        # Before any URLconf is loaded: the apps' URLs name fiscal years with it.
        register_converter(PlanYearConverter, "plan_year")
