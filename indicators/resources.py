"""Import and export of indicator actuals (指標コード, 年度, 実績値, 備考).

An imported figure is staff's: it is saved through ``actual_set()`` and never overwritten by
a computed one. A row that changes nothing is skipped, so exporting and importing a file
back does not claim the computed values in it.
"""

from import_export.fields import Field

from core.import_widgets import (
    DecimalWidget,
    FiscalYearWidget,
    LookupWidget,
    TextWidget,
)
from core.parsing import normalize
from core.resources import StrictResource, fiscal_year_label_field
from indicators.models import (
    BASELINE_FISCAL_YEAR,
    TARGET_FISCAL_YEAR,
    Indicator,
    IndicatorValue,
)
from indicators.services import ActualSource, actual_set

_DASHES = str.maketrans({"－": "-", "ー": "-", "‐": "-", "−": "-", "―": "-", "–": "-"})


def normalize_code(value) -> str:
    return normalize(value).translate(_DASHES)


class IndicatorValueResource(StrictResource):
    optional_columns = frozenset({"備考"})

    indicator = Field(
        attribute="indicator",
        column_name="指標コード",
        widget=LookupWidget(Indicator, "code", column="指標コード", normalizer=normalize_code),
    )
    indicator_name = Field(column_name="指標名", readonly=True)
    fiscal_year = Field(
        attribute="fiscal_year",
        column_name="年度",
        widget=FiscalYearWidget(first=BASELINE_FISCAL_YEAR, last=TARGET_FISCAL_YEAR),
    )
    fiscal_year_label = fiscal_year_label_field()
    value = Field(attribute="value", column_name="実績値", widget=DecimalWidget())
    unit = Field(column_name="単位", readonly=True)
    note = Field(attribute="note", column_name="備考", widget=TextWidget())

    class Meta(StrictResource.Meta):
        model = IndicatorValue
        import_id_fields = ["indicator", "fiscal_year"]
        fields = [
            "indicator",
            "indicator_name",
            "fiscal_year",
            "fiscal_year_label",
            "value",
            "unit",
            "note",
        ]
        export_order = fields

    def get_queryset(self):
        return IndicatorValue.objects.select_related("indicator").order_by(
            "indicator__code", "fiscal_year"
        )

    def dehydrate_indicator_name(self, value):
        return value.indicator.name

    def dehydrate_unit(self, value):
        return value.indicator.unit

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self._user = kwargs.get("user")  # the admin's import says who; the command does not

    def do_instance_save(self, instance, is_create):
        saved = actual_set(
            indicator=instance.indicator,
            fiscal_year=instance.fiscal_year,
            value=instance.value,
            note=instance.note,
            is_sample=instance.is_sample,
            source=ActualSource.IMPORT,
            user=getattr(self, "_user", None),
        )
        instance.pk = saved.pk
