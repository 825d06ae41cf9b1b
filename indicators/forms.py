from core.forms import ChangeReasonForm
from indicators.models import Indicator


class IndicatorForm(ChangeReasonForm):
    """Staff's form for an indicator: once actuals exist, its definition changes only with
    a reason, shown in the indicator's public 変更履歴."""

    tracked_fields = Indicator.DEFINITION_FIELDS

    class Meta:
        model = Indicator
        fields = "__all__"

    def reason_needed(self) -> bool:
        return self.instance.values.exists()
