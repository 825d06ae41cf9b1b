from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import (
    HTTPS_URL_FIELDS,
    GuardedHistoryAdmin,
    JapaneseImportExportMixin,
    RecordAdminMixin,
)
from core.admin_years import FiscalYearFieldsMixin, FiscalYearListFilter, fiscal_year_column
from core.fiscal import PLAN_FIRST_FISCAL_YEAR, PLAN_LAST_FISCAL_YEAR
from councils.access import can_review, staff_may_read_answers
from councils.models import (
    AnnualReport,
    BodyReporter,
    CollaborationBody,
    District,
    Region,
    ReportExtension,
    ReportingPeriod,
    ReportReminder,
    SupportMeasure,
)
from councils.resources import CollaborationBodyResource
from councils.services import TransitionError, report_transition
from indicators.derived import ACTIVITIES, BODIES_FOUNDED
from indicators.services import refresh_derived_indicators

# Bodies report on the years of the plan (period_year_in_plan).
REPORT_YEARS = range(PLAN_FIRST_FISCAL_YEAR, PLAN_LAST_FISCAL_YEAR + 1)


class ReportYearFilter(FiscalYearListFilter):
    title = _("報告の対象年度")
    years = REPORT_YEARS


class DistrictInline(admin.TabularInline):
    model = District
    extra = 0


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [DistrictInline]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "order"]
    list_filter = ["region"]
    search_fields = ["name"]


class BodyReporterInline(admin.TabularInline):
    model = BodyReporter
    extra = 0
    autocomplete_fields = ["user"]
    verbose_name = _("報告担当者")
    verbose_name_plural = _("報告担当者")


@admin.register(CollaborationBody)
class CollaborationBodyAdmin(JapaneseImportExportMixin, admin.ModelAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    resource_classes = [CollaborationBodyResource]
    list_display = [
        "name",
        "region",
        "district",
        "founded_fiscal_year",
        "status",
        "certainty",
        "is_sample",
    ]
    list_filter = ["region", "status", "is_sample", "certainty"]
    search_fields = ["name", "kana", "district__name"]
    list_select_related = ["region", "district"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["district"]
    # centers.admin adds the centres the body manages before these.
    inlines = [BodyReporterInline]
    fieldsets = [
        (None, {"fields": ["name", "kana", "slug", "region", "district", "status"]}),
        (
            _("設立・解散"),
            {"fields": ["founded_fiscal_year", "founded_note", "dissolved_fiscal_year"]},
        ),
        (
            _("地域づくり計画"),
            {"fields": ["plan_vision", "plan_revised_on", "plan_pdf"]},
        ),
        (_("公開する情報"), {"fields": ["website", "contact", "photo"]}),
        (_("出典と確度"), {"fields": ["source", "certainty", "is_sample"]}),
    ]

    # Which bodies exist in which years feeds 2-1 and 3-3.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        refresh_derived_indicators(codes=[ACTIVITIES, BODIES_FOUNDED])

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        refresh_derived_indicators(codes=[ACTIVITIES, BODIES_FOUNDED])

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        refresh_derived_indicators(codes=[ACTIVITIES, BODIES_FOUNDED])


@admin.register(BodyReporter)
class BodyReporterAdmin(admin.ModelAdmin):
    list_display = ["user", "body", "created_at"]
    list_filter = ["body__region"]
    search_fields = ["user__username", "user__email", "body__name"]
    autocomplete_fields = ["user", "body"]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(FiscalYearFieldsMixin, admin.ModelAdmin):
    fiscal_year_fields = {"fiscal_year": REPORT_YEARS}
    list_display = ["fiscal_year_wareki", "opens_on", "due_on"]

    fiscal_year_wareki = fiscal_year_column(description=_("報告の対象年度"))


@admin.register(ReportExtension)
class ReportExtensionAdmin(FiscalYearFieldsMixin, GuardedHistoryAdmin):
    fiscal_year_fields = {"fiscal_year": REPORT_YEARS}
    list_display = ["body", "fiscal_year_wareki", "until", "reason", "created_by"]
    list_filter = [ReportYearFilter]
    autocomplete_fields = ["body"]
    readonly_fields = ["created_by"]

    fiscal_year_wareki = fiscal_year_column(description=_("報告の対象年度"))

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(ReportReminder)
class ReportReminderAdmin(RecordAdminMixin, admin.ModelAdmin):
    """Which body was reminded of which year's report, when and to whom: the record
    ``send_report_reminders`` keeps (a body with no address has a row with no recipients)."""

    list_display = ["sent_on", "body", "fiscal_year_wareki", "kind", "recipient_and_state"]
    list_filter = ["kind", ReportYearFilter]
    search_fields = ["body__name"]
    date_hierarchy = "sent_on"
    list_select_related = ["body", "mail"]
    fields = ["sent_on", "body", "fiscal_year", "kind", "recipient_list", "mail_state"]
    readonly_fields = fields

    fiscal_year_wareki = fiscal_year_column(description=_("報告の対象年度"))

    @admin.display(description=_("宛先"))
    def recipient_list(self, reminder):
        return "、".join(reminder.recipients) or _("なし（市の担当者へのお知らせに記載）")

    @admin.display(description=_("送信状況"))
    def mail_state(self, reminder):
        if reminder.mail is None:
            return "—"
        return _("送信済み") if reminder.mail.sent_at else _("未送信（再送を待っています）")

    @admin.display(description=_("宛先と送信状況"))
    def recipient_and_state(self, reminder):
        # One column: the list stays narrow enough to show whole beside the filters.
        if reminder.mail is None:
            return self.recipient_list(reminder)
        return format_html("{}<br>{}", self.recipient_list(reminder), self.mail_state(reminder))


@admin.register(SupportMeasure)
class SupportMeasureAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "is_active"]
    list_editable = ["order", "is_active"]

    def has_delete_permission(self, request, obj=None):
        # Old reports keep their ratings: retire a measure instead of deleting it.
        return False


@admin.register(AnnualReport)
class AnnualReportAdmin(RecordAdminMixin, GuardedHistoryAdmin):
    """Staff read reports here and review them on the review page; answers are the body's."""

    list_display = [
        "body",
        "fiscal_year_wareki",
        "status",
        "submitted_at",
        "accepted_at",
        "review_link",
    ]
    list_filter = [ReportYearFilter, "status", "body__region"]
    search_fields = ["body__name"]
    list_select_related = ["body"]
    actions = ["accept"]
    # Only report_transition() changes a report's state (with its snapshot, mails and what the
    # report feeds), so earlier versions cannot be restored, and the history shows the
    # workflow alone: a draft's answers are the body's.
    revert_allowed = False
    history_fields = AnnualReport.WORKFLOW_FIELDS
    history_list_display = ["status"]

    fiscal_year_wareki = fiscal_year_column(description=_("報告の対象年度"))

    def get_fields(self, request, obj=None):
        if obj is not None and not staff_may_read_answers(obj):
            return ["body", "fiscal_year", *AnnualReport.WORKFLOW_FIELDS, "updated_at"]
        return super().get_fields(request, obj)

    @admin.display(description=_("審査"))
    def review_link(self, report):
        if not staff_may_read_answers(report):
            return "—"
        return format_html(
            '<a href="{}">{}</a>', reverse("councils:review", args=[report.pk]), _("審査する")
        )

    @admin.action(description=_("選択した提出済みの報告を受理する"))
    def accept(self, request, queryset):
        if not can_review(request.user):
            raise PermissionDenied
        accepted, refused = 0, []
        for report in queryset:
            try:
                report_transition(report=report, to=AnnualReport.Status.ACCEPTED, user=request.user)
                accepted += 1
            except TransitionError as error:
                refused.append(f"{report}: {error}")
        if accepted:
            self.message_user(
                request, _("%(count)s件を受理しました。") % {"count": accepted}, messages.SUCCESS
            )
        for message in refused:
            self.message_user(request, message, messages.WARNING)
