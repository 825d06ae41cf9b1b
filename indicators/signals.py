"""Keep the derived indicators current whenever the data they come from changes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from indicators.derived import BODIES_FOUNDED, VISITS_PER_CAPITA, refresh_derived_indicators


def _year_changed(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: the stored computed values come with the rest of the backup
        return
    refresh_derived_indicators(fiscal_years=[instance.fiscal_year], codes=[VISITS_PER_CAPITA])


def _centers_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    refresh_derived_indicators(codes=[VISITS_PER_CAPITA])


def _bodies_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    refresh_derived_indicators(codes=[BODIES_FOUNDED])


def connect():
    from centers.models import CenterUsage, CivicCenter, Population
    from councils.models import CollaborationBody

    for signal in (post_save, post_delete):
        receiver(signal, sender=CenterUsage, dispatch_uid=f"usage-{signal}")(_year_changed)
        receiver(signal, sender=Population, dispatch_uid=f"population-{signal}")(_year_changed)
        receiver(signal, sender=CivicCenter, dispatch_uid=f"center-{signal}")(_centers_changed)
        receiver(signal, sender=CollaborationBody, dispatch_uid=f"body-{signal}")(_bodies_changed)
