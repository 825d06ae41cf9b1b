"""Import and export of centres, their management periods, usage and population.

Usage rows are saved through ``usage_set()`` as staff's (ファイル取込). Centres, usage and the
city's population feed indicator ``0-1``: an import of any of them recomputes it once, at
the end, in the import's transaction.
"""

from import_export.fields import Field

from centers.models import CenterUsage, CivicCenter, ManagementPeriod, Population
from centers.services import usage_set
from core.import_widgets import (
    ChoiceWidget,
    DateWidget,
    FiscalYearWidget,
    IntegerWidget,
    LookupWidget,
    OptionalIntegerWidget,
    TextWidget,
)
from core.resources import SlugFromNameMixin, StrictResource, fiscal_year_label_field
from councils.models import CollaborationBody, Region
from councils.resources import DistrictWidget, region_field
from indicators.derived import VISITS_PER_CAPITA
from indicators.services import refresh_derived_indicators

YEARS = {"first": 2000, "last": 2100}


class RefreshesVisitsPerCapita:
    """Recompute 0-1 once after an import that wrote anything."""

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if not result.has_errors() and not result.has_validation_errors() and _wrote(result):
            refresh_derived_indicators(codes=[VISITS_PER_CAPITA])


def _wrote(result) -> bool:
    return any(result.totals.get(kind) for kind in ("new", "update", "delete"))


def center_field():
    return Field(
        attribute="center",
        column_name="市民センター",
        widget=LookupWidget(CivicCenter, "name", column="市民センター"),
    )


class CivicCenterResource(RefreshesVisitsPerCapita, SlugFromNameMixin, StrictResource):
    optional_columns = frozenset(
        {"地区", "住所", "電話番号", "施設の概要", "開館年度", "閉館年度", "確度", "出典"}
    )

    name = Field(attribute="name", column_name="名称", widget=TextWidget())
    region = region_field()
    district = Field(attribute="district", column_name="地区", widget=DistrictWidget())
    address = Field(attribute="address", column_name="住所", widget=TextWidget())
    phone = Field(attribute="phone", column_name="電話番号", widget=TextWidget())
    facilities = Field(attribute="facilities", column_name="施設の概要", widget=TextWidget())
    opened_fiscal_year = Field(
        attribute="opened_fiscal_year",
        column_name="開館年度",
        widget=OptionalIntegerWidget(column="開館年度"),
    )
    closed_fiscal_year = Field(
        attribute="closed_fiscal_year",
        column_name="閉館年度",
        widget=OptionalIntegerWidget(column="閉館年度"),
    )
    certainty = Field(attribute="certainty", column_name="確度", widget=TextWidget())
    source = Field(attribute="source", column_name="出典", widget=TextWidget())

    class Meta(StrictResource.Meta):
        model = CivicCenter
        import_id_fields = ["name"]
        fields = [
            "name",
            "region",
            "district",
            "address",
            "phone",
            "facilities",
            "opened_fiscal_year",
            "closed_fiscal_year",
            "certainty",
            "source",
        ]
        export_order = fields


class ManagementPeriodResource(StrictResource):
    optional_columns = frozenset({"指定管理者", "指定管理者（記録）", "終了年度", "出典"})

    center = center_field()
    kind = Field(
        attribute="kind",
        column_name="管理の方法",
        widget=ChoiceWidget(ManagementPeriod.Kind, column="管理の方法"),
    )
    body = Field(
        attribute="body",
        column_name="指定管理者",
        widget=LookupWidget(CollaborationBody, "name", column="指定管理者", required=False),
    )
    manager_note = Field(
        attribute="manager_note", column_name="指定管理者（記録）", widget=TextWidget()
    )
    first_fiscal_year = Field(
        attribute="first_fiscal_year", column_name="開始年度", widget=FiscalYearWidget(**YEARS)
    )
    last_fiscal_year = Field(
        attribute="last_fiscal_year",
        column_name="終了年度",
        widget=FiscalYearWidget(**YEARS, required=False),
    )
    source = Field(attribute="source", column_name="出典", widget=TextWidget())

    class Meta(StrictResource.Meta):
        model = ManagementPeriod
        import_id_fields = ["center", "first_fiscal_year"]
        fields = [
            "center",
            "kind",
            "body",
            "manager_note",
            "first_fiscal_year",
            "last_fiscal_year",
            "source",
        ]
        export_order = fields

    def get_queryset(self):
        return ManagementPeriod.objects.select_related("center", "body")


class CenterUsageResource(RefreshesVisitsPerCapita, StrictResource):
    optional_columns = frozenset({"利用件数", "備考"})

    center = center_field()
    fiscal_year = Field(
        attribute="fiscal_year", column_name="年度", widget=FiscalYearWidget(**YEARS)
    )
    fiscal_year_label = fiscal_year_label_field()
    visits = Field(
        attribute="visits", column_name="利用者数", widget=IntegerWidget(column="利用者数")
    )
    bookings = Field(
        attribute="bookings",
        column_name="利用件数",
        widget=OptionalIntegerWidget(column="利用件数"),
    )
    note = Field(attribute="note", column_name="備考", widget=TextWidget())

    class Meta(StrictResource.Meta):
        model = CenterUsage
        import_id_fields = ["center", "fiscal_year"]
        fields = ["center", "fiscal_year", "fiscal_year_label", "visits", "bookings", "note"]
        export_order = fields

    def get_queryset(self):
        return CenterUsage.objects.select_related("center").order_by("center__name", "fiscal_year")

    def do_instance_save(self, instance, is_create):
        saved = usage_set(
            center=instance.center,
            fiscal_year=instance.fiscal_year,
            visits=instance.visits,
            bookings=instance.bookings,
            note=instance.note,
            is_sample=instance.is_sample,
            source=CenterUsage.Source.IMPORT,
            refresh=False,  # once for the whole file, in after_import()
        )
        instance.pk = saved.pk


class PopulationResource(RefreshesVisitsPerCapita, StrictResource):
    optional_columns = frozenset({"地域", "世帯数", "出典"})

    fiscal_year = Field(
        attribute="fiscal_year", column_name="年度", widget=FiscalYearWidget(**YEARS)
    )
    region = Field(
        attribute="region",
        column_name="地域",
        widget=LookupWidget(Region, "name", column="地域", required=False),
    )
    as_of = Field(attribute="as_of", column_name="基準日", widget=DateWidget(column="基準日"))
    population = Field(
        attribute="population", column_name="人口", widget=IntegerWidget(column="人口")
    )
    households = Field(
        attribute="households", column_name="世帯数", widget=OptionalIntegerWidget(column="世帯数")
    )
    source = Field(attribute="source", column_name="出典", widget=TextWidget())

    class Meta(StrictResource.Meta):
        model = Population
        import_id_fields = ["fiscal_year", "region"]
        fields = ["fiscal_year", "region", "as_of", "population", "households", "source"]
        export_order = fields

    def get_queryset(self):
        return Population.objects.select_related("region")
