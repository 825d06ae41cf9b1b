from django.utils.functional import SimpleLazyObject

from indicators.models import IndicatorValue
from plans.models import ProjectYearStatus


def _sample_data_loaded() -> bool:
    return (
        IndicatorValue.objects.filter(is_sample=True).exists()
        or ProjectYearStatus.objects.filter(is_sample=True).exists()
    )


def sample_data(request):
    """``sample_data_loaded``: the pages show a banner while sample figures are in the database."""
    return {"sample_data_loaded": SimpleLazyObject(_sample_data_loaded)}
