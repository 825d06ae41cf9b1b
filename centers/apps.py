from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CentersConfig(AppConfig):
    name = "centers"
    verbose_name = _("市民センター")

    def ready(self):
        # Modules that use models load once the app registry is ready.
        from centers import derived  # noqa: F401  registers the calculation of 0-1
        from centers.services import usage_from_report
        from councils.signals import report_decided

        report_decided.connect(usage_from_report, dispatch_uid="centers-usage-from-report")
