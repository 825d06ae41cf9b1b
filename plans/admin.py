from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import GuardedHistoryAdmin, JapaneseImportExportMixin
from plans.forms import CONCURRENT_EDIT, ProjectYearStatusForm
from plans.models import (
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


class ProjectYearStatusInline(admin.StackedInline):
    model = ProjectYearStatus
    form = ProjectYearStatusForm
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
    list_filter = ["kind", "measure__policy"]
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
    RefusesConcurrentEditsMixin, JapaneseImportExportMixin, GuardedHistoryAdmin
):
    form = ProjectYearStatusForm
    resource_classes = [ProjectYearStatusResource]
    list_display = [
        "project",
        "fiscal_year",
        "planned_phase",
        "evaluation",
        "is_published",
        "published_at",
        "updated_at",
        "updated_by",
    ]
    list_filter = ["fiscal_year", "evaluation", "project__measure__policy", "is_published"]
    search_fields = ["project__title", "activities", "results", "issues", "direction"]
    list_select_related = ["project", "updated_by"]
    readonly_fields = ["is_published", "published_at", "updated_at", "updated_by"]
    actions = ["publish", "unpublish"]
    history_list_display = ["evaluation", "is_published"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("project__phases")

    @admin.display(description=_("計画上の区分"))
    def planned_phase(self, status):
        return status.planned_phase

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
