from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    name = "councils"
    verbose_name = _("地域協働体")

    def ready(self):
        # Registers the calculation of the derived indicators 2-1 and 3-3 with ``indicators``.
        from councils import derived  # noqa: F401
