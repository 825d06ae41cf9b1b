from django.utils.functional import SimpleLazyObject

from core.cache import SAMPLE_DATA, reading_as
from indicators.models import IndicatorValue
from plans.models import ProjectYearStatus


def _sample_data_loaded() -> bool:
    # A cached page depends on the sample rows only, not on every actual or status.
    with reading_as(SAMPLE_DATA):
        return (
            IndicatorValue.objects.filter(is_sample=True).exists()
            or ProjectYearStatus.objects.filter(is_sample=True).exists()
        )


def sample_data(request):
    """``sample_data_loaded``: the pages show a banner while sample figures are in the database."""
    return {"sample_data_loaded": SimpleLazyObject(_sample_data_loaded)}
