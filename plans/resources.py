"""Import and export of yearly project statuses."""

from django.utils.translation import gettext as _
from import_export.fields import Field

from core.import_widgets import (
    ChoiceWidget,
    FiscalYearWidget,
    LookupWidget,
    TextWidget,
    YesNoWidget,
)
from core.resources import StrictResource, fiscal_year_label_field
from plans.models import FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR, Project, ProjectYearStatus
from plans.services import status_mark_published


class ProjectYearStatusResource(StrictResource):
    optional_columns = frozenset({"実施状況", "成果", "課題", "今後の方向性", "公開"})

    project = Field(
        attribute="project",
        column_name="事業番号",
        widget=LookupWidget(Project, "number", column="事業番号"),
    )
    project_title = Field(column_name="事業名", readonly=True)
    fiscal_year = Field(
        attribute="fiscal_year",
        column_name="年度",
        widget=FiscalYearWidget(first=FIRST_FISCAL_YEAR, last=LAST_FISCAL_YEAR),
    )
    fiscal_year_label = fiscal_year_label_field()
    evaluation = Field(
        attribute="evaluation",
        column_name="評価",
        widget=ChoiceWidget(ProjectYearStatus.Evaluation, column="評価"),
    )
    activities = Field(attribute="activities", column_name="実施状況", widget=TextWidget())
    results = Field(attribute="results", column_name="成果", widget=TextWidget())
    issues = Field(attribute="issues", column_name="課題", widget=TextWidget())
    direction = Field(attribute="direction", column_name="今後の方向性", widget=TextWidget())
    is_published = Field(attribute="is_published", column_name="公開", widget=YesNoWidget())

    class Meta(StrictResource.Meta):
        model = ProjectYearStatus
        import_id_fields = ["project", "fiscal_year"]
        fields = [
            "project",
            "project_title",
            "fiscal_year",
            "fiscal_year_label",
            "evaluation",
            "activities",
            "results",
            "issues",
            "direction",
            "is_published",
        ]
        export_order = fields

    def get_queryset(self):
        return ProjectYearStatus.objects.select_related("project").order_by(
            "project__number", "fiscal_year"
        )

    def dehydrate_project_title(self, status):
        return status.project.title

    def before_save_instance(self, instance, row, **kwargs):
        status_mark_published(instance, published=instance.is_published)
        if kwargs.get("user") is not None:
            instance.updated_by = kwargs["user"]
        instance._change_reason = _("ファイルから取込")
