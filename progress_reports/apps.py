from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "progress_reports"
    verbose_name = _("進捗状況報告書")
