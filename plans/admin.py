from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from plans.models import (
    ActionStandard,
    BasicPolicy,
    BodyRole,
    GlossaryTerm,
    HistoryEntry,
    Measure,
    MeasureObjective,
    Plan,
    Project,
    ProjectPhase,
    ProjectRole,
)


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["title", "first_fiscal_year", "last_fiscal_year", "adopted_on"]


class MeasureInline(admin.TabularInline):
    model = Measure
    extra = 0
    fields = ["number", "title"]
    show_change_link = True


@admin.register(BasicPolicy)
class BasicPolicyAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "plan"]
    list_display_links = ["number", "title"]
    search_fields = ["title"]
    inlines = [MeasureInline]


class MeasureObjectiveInline(admin.TabularInline):
    model = MeasureObjective
    extra = 0


class ProjectInline(admin.TabularInline):
    model = Project
    extra = 0
    fields = ["number", "title", "kind"]
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


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "short_title", "kind", "measure", "policy"]
    list_display_links = ["number", "title"]
    list_filter = ["kind", "measure__policy"]
    search_fields = ["title", "short_title", "description"]
    list_select_related = ["measure__policy"]
    inlines = [ProjectPhaseInline, ProjectRoleInline]

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
