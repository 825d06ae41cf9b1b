"""Import and export of the 地域協働体 registry (the city loads its full list of 33 here)."""

from import_export.fields import Field

from core.import_widgets import (
    ChoiceWidget,
    LookupWidget,
    OptionalIntegerWidget,
    TextWidget,
)
from core.resources import SlugFromNameMixin, StrictResource
from councils.models import CollaborationBody, District, Region
from indicators.derived import ACTIVITIES, BODIES_FOUNDED
from indicators.services import refresh_derived_indicators


class DistrictWidget(LookupWidget):
    """A 地区 looked up within the row's 地域."""

    def __init__(self, **kwargs):
        super().__init__(District, "name", column="地区", **kwargs)

    def objects(self):
        if self._objects is None:
            self._objects = {
                f"{d.region.name}/{d.name}": d for d in District.objects.select_related("region")
            }
        return self._objects

    def clean(self, value, row=None, **kwargs):
        if not value:
            return None
        region = (row or {}).get("地域", "")
        return super().clean(f"{region}/{value}".strip(), row, **kwargs)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value.name


def region_field():
    return Field(
        attribute="region",
        column_name="地域",
        widget=LookupWidget(Region, "name", column="地域"),
    )


class CollaborationBodyResource(SlugFromNameMixin, StrictResource):
    optional_columns = frozenset(
        {"よみがな", "地区", "設立年度", "設立の記録", "状態", "解散年度", "ウェブサイト",
         "連絡先", "確度", "出典"}
    )  # fmt: skip

    name = Field(attribute="name", column_name="名称", widget=TextWidget())
    kana = Field(attribute="kana", column_name="よみがな", widget=TextWidget())
    region = region_field()
    district = Field(attribute="district", column_name="地区", widget=DistrictWidget())
    founded_fiscal_year = Field(
        attribute="founded_fiscal_year",
        column_name="設立年度",
        widget=OptionalIntegerWidget(column="設立年度"),
    )
    founded_note = Field(attribute="founded_note", column_name="設立の記録", widget=TextWidget())
    status = Field(
        attribute="status",
        column_name="状態",
        widget=ChoiceWidget(CollaborationBody.Status, column="状態"),
    )
    dissolved_fiscal_year = Field(
        attribute="dissolved_fiscal_year",
        column_name="解散年度",
        widget=OptionalIntegerWidget(column="解散年度"),
    )
    website = Field(attribute="website", column_name="ウェブサイト", widget=TextWidget())
    contact = Field(attribute="contact", column_name="連絡先", widget=TextWidget())
    certainty = Field(attribute="certainty", column_name="確度", widget=TextWidget())
    source = Field(attribute="source", column_name="出典", widget=TextWidget())

    class Meta(StrictResource.Meta):
        model = CollaborationBody
        import_id_fields = ["name"]
        fields = [
            "name",
            "kana",
            "region",
            "district",
            "founded_fiscal_year",
            "founded_note",
            "status",
            "dissolved_fiscal_year",
            "website",
            "contact",
            "certainty",
            "source",
        ]
        export_order = fields

    def get_queryset(self):
        return CollaborationBody.objects.for_listing()

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        # Which bodies exist in which years feeds 2-1 and 3-3: recomputed once per file.
        if not result.has_errors() and not result.has_validation_errors():
            refresh_derived_indicators(codes=[ACTIVITIES, BODIES_FOUNDED])
