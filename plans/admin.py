from functools import partial

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import path, re_path
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import GuardedHistoryAdmin, JapaneseImportExportMixin
from core.admin_years import (
    FiscalYearFieldsMixin,
    FiscalYearListFilter,
    MissingInYearFilter,
    fiscal_year_column,
)
from plans.forms import CONCURRENT_EDIT, ProjectYearStatusForm
from plans.models import (
    FIRST_FISCAL_YEAR,
    LAST_FISCAL_YEAR,
    ActionStandard,
    BasicPolicy,
    BodyRole,
    ConcurrentEditError,
    GlossaryTerm,
    HistoryEntry,
    Measure,
    MeasureObjective,
    Plan,
    Project,
    ProjectPhase,
    ProjectRole,
    ProjectYearStatus,
)
from plans.resources import ProjectYearStatusResource
from plans.services import statuses_set_published
from plans.workbench import workbench_view, workbench_years, year_not_in_plan


class RefusesConcurrentEditsMixin:
    """A yearly status someone else saved after this form was checked is not overwritten:
    the save is rolled back and the editor sees why, instead of an error page.

    The form already locks the row while it checks the version, so this is the last line of
    defence (a save path that did not lock, e.g. a new inline row saved twice at once).
    """

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ConcurrentEditError:
            return self._refuse_concurrent_edit(request)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        try:
            return super().history_form_view(request, object_id, version_id, extra_context)
        except ConcurrentEditError:
            return self._refuse_concurrent_edit(request)

    def _refuse_concurrent_edit(self, request):
        self.message_user(request, CONCURRENT_EDIT, messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())


# The years a status may have: the database refuses any other (status_year_in_plan).
PLAN_YEARS = range(FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR + 1)


class PlanYearFilter(FiscalYearListFilter):
    years = PLAN_YEARS


class MissingStatusFilter(MissingInYearFilter):
    """The projects with no status yet (draft or published) for a chosen year."""

    title = _("この年度の状況が未入力")
    parameter_name = "missing_status"
    missing_lookup = "statuses__fiscal_year"
    years = PLAN_YEARS


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["title", "first_fiscal_year", "last_fiscal_year", "adopted_on"]


class MeasureInline(admin.TabularInline):
    model = Measure
    extra = 0
    fields = ["number", "title", "title_en"]
    show_change_link = True


@admin.register(BasicPolicy)
class BasicPolicyAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "plan"]
    list_display_links = ["number", "title"]
    search_fields = ["title", "title_en"]
    inlines = [MeasureInline]


class MeasureObjectiveInline(admin.TabularInline):
    model = MeasureObjective
    extra = 0


class ProjectInline(admin.TabularInline):
    model = Project
    extra = 0
    fields = ["number", "title", "title_en", "kind"]
    show_change_link = True


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["__str__", "policy"]
    list_filter = ["policy"]
    search_fields = ["title", "objectives__text"]
    list_select_related = ["policy"]
    inlines = [MeasureObjectiveInline, ProjectInline]


class ProjectPhaseInline(admin.TabularInline):
    model = ProjectPhase
    extra = 0


class ProjectRoleInline(admin.TabularInline):
    model = ProjectRole
    extra = 0
    max_num = len(ProjectRole.Actor)


class ProjectYearStatusInline(FiscalYearFieldsMixin, admin.StackedInline):
    model = ProjectYearStatus
    form = ProjectYearStatusForm
    fiscal_year_fields = {"fiscal_year": PLAN_YEARS}
    extra = 0
    fields = [
        "fiscal_year",
        "evaluation",
        "activities",
        "results",
        "issues",
        "direction",
        "change_reason",
        "is_published",
        "published_at",
        "opened_version",
    ]
    readonly_fields = ["is_published", "published_at"]
    show_change_link = True


@admin.register(Project)
class ProjectAdmin(RefusesConcurrentEditsMixin, admin.ModelAdmin):
    list_display = ["number", "title", "short_title", "kind", "measure", "policy"]
    list_display_links = ["number", "title"]
    list_filter = ["kind", "measure__policy", MissingStatusFilter]
    search_fields = ["title", "title_en", "short_title", "description"]
    list_select_related = ["measure__policy"]
    inlines = [ProjectPhaseInline, ProjectRoleInline, ProjectYearStatusInline]

    def save_formset(self, request, form, formset, change):
        for status_form in formset.forms:
            if isinstance(status_form.instance, ProjectYearStatus) and status_form.has_changed():
                status_form.instance.updated_by = request.user
        super().save_formset(request, form, formset, change)

    @admin.display(description=_("基本方針"), ordering="measure__policy__number")
    def policy(self, project):
        return project.measure.policy


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    list_display = ["number", "term"]
    list_display_links = ["number", "term"]
    search_fields = ["term", "definition"]


@admin.register(HistoryEntry)
class HistoryEntryAdmin(admin.ModelAdmin):
    list_display = ["fiscal_year", "order", "text"]
    list_filter = ["fiscal_year"]
    search_fields = ["text"]


@admin.register(BodyRole)
class BodyRoleAdmin(admin.ModelAdmin):
    list_display = ["number", "title"]
    list_display_links = ["number", "title"]


@admin.register(ActionStandard)
class ActionStandardAdmin(admin.ModelAdmin):
    list_display = ["number", "text"]
    list_display_links = ["number", "text"]


@admin.register(ProjectYearStatus)
class ProjectYearStatusAdmin(
    FiscalYearFieldsMixin,
    RefusesConcurrentEditsMixin,
    JapaneseImportExportMixin,
    GuardedHistoryAdmin,
):
    form = ProjectYearStatusForm
    fiscal_year_fields = {"fiscal_year": PLAN_YEARS}
    resource_classes = [ProjectYearStatusResource]
    list_display = [
        "project",
        "fiscal_year_wareki",
        "planned_phase",
        "evaluation_grade",
        "is_published",
        "published_when",
        "last_update",
    ]
    list_filter = [PlanYearFilter, "evaluation", "project__measure__policy", "is_published"]
    search_fields = ["project__title", "activities", "results", "issues", "direction"]
    list_select_related = ["project", "updated_by"]
    readonly_fields = ["is_published", "published_at", "updated_at", "updated_by"]
    actions = ["publish", "unpublish"]
    history_list_display = ["evaluation", "is_published"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("project__phases")

    def get_urls(self):
        return [
            path(
                "year/<plan_year:fiscal_year>/",
                self.admin_site.admin_view(partial(workbench_view, model_admin=self)),
                name="plans_projectyearstatus_workbench",
            ),
            # Any other year has no page, for anyone: not the admin's login or change page.
            re_path(r"^year/", year_not_in_plan),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "workbench_years": workbench_years(),
            "workbench_editable": self.has_change_permission(request),
        }
        response = super().changelist_view(request, extra_context)
        # The list of the import/export admin, with a link to each year's workbench among
        # its object tools (shown to viewers too, unlike the admin's own tools).
        if getattr(response, "template_name", None) == self.change_list_template:
            response.template_name = "admin/plans/projectyearstatus/change_list.html"
        return response

    fiscal_year_wareki = fiscal_year_column()

    @admin.display(description=_("計画上の区分"))
    def planned_phase(self, status):
        return status.planned_phase

    @admin.display(description=_("評価"), ordering="evaluation")
    def evaluation_grade(self, status):
        # The letter keeps the column narrow; the label is its tooltip and what screen
        # readers say.
        label = status.get_evaluation_display()
        return format_html(
            '<span class="evaluation-grade" title="{}"><span aria-hidden="true">{}</span>'
            '<span class="visually-hidden">{}</span></span>',
            label,
            status.evaluation,
            label,
        )

    # Dates in the short form and who with when in one column keep every column of the
    # list in view at 1280 px.
    @admin.display(description=_("公開日時"), ordering="published_at")
    def published_when(self, status):
        if status.published_at is None:
            return None
        return date_format(localtime(status.published_at), "SHORT_DATETIME_FORMAT")

    @admin.display(description=_("最終更新"), ordering="updated_at")
    def last_update(self, status):
        return format_html(
            "{}<br>{}",
            status.updated_by or self.get_empty_value_display(),
            date_format(localtime(status.updated_at), "SHORT_DATETIME_FORMAT"),
        )

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("選択した状況を公開する"), permissions=["change"])
    def publish(self, request, queryset):
        count = statuses_set_published(statuses=queryset, published=True, user=request.user)
        self.message_user(
            request,
            ngettext("%(count)d件を公開しました。", "%(count)d件を公開しました。", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("選択した状況を非公開にする"), permissions=["change"])
    def unpublish(self, request, queryset):
        count = statuses_set_published(statuses=queryset, published=False, user=request.user)
        self.message_user(
            request,
            ngettext("%(count)d件を非公開にしました。", "%(count)d件を非公開にしました。", count)
            % {"count": count},
            messages.SUCCESS,
        )
