"""The annual report each 地域協働体 files, and what city staff say about it."""

from django.conf import settings
from django.db import models
from django.db.models import Case, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fiscal import (
    PLAN_FIRST_FISCAL_YEAR,
    PLAN_LAST_FISCAL_YEAR,
    check_plan_year,
    wareki_fiscal_year,
)
from core.validators import IMAGE_VALIDATORS
from councils.models.registry import CollaborationBody
from councils.sections import SECTION_KEYS


class BodyReporter(models.Model):
    """A user who files reports for one body (a body may have several)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reporter",
        verbose_name=_("ユーザー"),
    )
    body = models.ForeignKey(
        CollaborationBody,
        on_delete=models.PROTECT,
        related_name="reporters",
        verbose_name=_("地域協働体"),
    )
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("報告担当者")
        verbose_name_plural = _("報告担当者")
        ordering = ["body", "user__username"]

    def __str__(self):
        return f"{self.user} ({self.body})"


class ReportingPeriod(models.Model):
    """When the reports of a fiscal year may be filed, and when they are due."""

    fiscal_year = models.PositiveSmallIntegerField(_("報告の対象年度"), unique=True)
    opens_on = models.DateField(_("受付開始日"))
    due_on = models.DateField(_("提出期限"))

    class Meta:
        verbose_name = _("報告の受付期間")
        verbose_name_plural = _("報告の受付期間")
        ordering = ["-fiscal_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__gte=models.F("opens_on")), name="period_due_after_open"
            ),
            models.CheckConstraint(
                condition=Q(
                    fiscal_year__gte=PLAN_FIRST_FISCAL_YEAR, fiscal_year__lte=PLAN_LAST_FISCAL_YEAR
                ),
                name="period_year_in_plan",
            ),
        ]

    def __str__(self):
        return _("%(year)sの報告") % {"year": wareki_fiscal_year(self.fiscal_year)}

    def clean(self):
        check_plan_year(self.fiscal_year)

    def days_left(self, today=None) -> int:
        return (self.due_on - (today or timezone.localdate())).days


class ReportExtension(models.Model):
    """A time-limited unlock for one body: after the deadline, or to revise an accepted report."""

    body = models.ForeignKey(
        CollaborationBody,
        on_delete=models.CASCADE,
        related_name="report_extensions",
        verbose_name=_("地域協働体"),
    )
    fiscal_year = models.PositiveSmallIntegerField(_("報告の対象年度"))
    until = models.DateField(_("期限"))
    reason = models.CharField(_("理由"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("設定した職員"),
    )
    created_at = models.DateTimeField(_("設定日時"), auto_now_add=True)

    history = HistoricalRecords(verbose_name=_("提出期限の延長の履歴"))

    class Meta:
        verbose_name = _("提出期限の延長")
        verbose_name_plural = _("提出期限の延長")
        ordering = ["-until"]

    def __str__(self):
        return f"{self.body} {wareki_fiscal_year(self.fiscal_year)} 〜{self.until}"


class SupportMeasure(models.Model):
    """A city support measure the bodies rate. Retire one rather than delete it."""

    name = models.CharField(_("支援策"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)
    is_active = models.BooleanField(
        _("新しい報告で尋ねる"), default=True, help_text=_("外しても過去の報告の評価は残ります")
    )

    class Meta:
        verbose_name = _("行政の支援策")
        verbose_name_plural = _("行政の支援策")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name


class AnnualReportQuerySet(models.QuerySet):
    def accepted(self):
        return self.filter(status=AnnualReport.Status.ACCEPTED)


class AnnualReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "下書き", _("下書き")
        SUBMITTED = "提出済", _("提出済")
        RETURNED = "差戻し", _("差戻し")
        ACCEPTED = "受理", _("受理")

    class Level(models.TextChoices):
        GOOD = "進んでいる", _("進んでいる")
        FAIR = "概ね進んでいる", _("概ね進んでいる")
        POOR = "あまり進んでいない", _("あまり進んでいない")
        BAD = "進んでいない", _("進んでいない")

    body = models.ForeignKey(
        CollaborationBody,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("地域協働体"),
    )
    fiscal_year = models.PositiveSmallIntegerField(_("報告の対象年度"))
    status = models.CharField(_("状態"), max_length=3, choices=Status.choices, default=Status.DRAFT)
    overall_level = models.CharField(
        _("全体の達成状況"), max_length=10, choices=Level.choices, blank=True
    )
    overall_comment = models.TextField(_("全体についての所見"), blank=True)
    results_and_issues = models.TextField(_("成果と課題"), blank=True)
    next_year_plan = models.TextField(_("次年度の取組"), blank=True)
    opinions = models.TextField(_("行政への意見・要望"), blank=True)
    publish_activities = models.BooleanField(_("活動実績の公開に同意する"), default=True)
    publish_photos = models.BooleanField(_("写真の公開に同意する"), default=True)
    publish_opinions = models.BooleanField(_("意見・要望の公開に同意する"), default=False)
    submitted_at = models.DateTimeField(_("提出日時"), null=True, blank=True)
    returned_at = models.DateTimeField(_("差戻し日時"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("受理日時"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("最終更新者"),
    )
    # When the body last saved each section ({"assessment": "2026-06-01T09:30:00+09:00", …}):
    # the task list tells a section never opened from one saved with nothing to fill in.
    sections_saved_at = models.JSONField(_("項目ごとの保存日時"), default=dict, blank=True)

    history = HistoricalRecords(
        verbose_name=_("年次報告の履歴"), excluded_fields=["sections_saved_at"]
    )
    objects = AnnualReportQuerySet.as_manager()

    # What the workflow changes; everything else is the body's answers.
    WORKFLOW_FIELDS = ["status", "submitted_at", "returned_at", "accepted_at"]

    class Meta:
        verbose_name = _("年次報告")
        verbose_name_plural = _("年次報告")
        ordering = ["-fiscal_year", "body__region__order", "body__name"]
        constraints = [
            models.UniqueConstraint(fields=["body", "fiscal_year"], name="report_year_unique"),
            models.CheckConstraint(
                condition=Q(status__in=["下書き", "提出済", "差戻し", "受理"]),
                name="report_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="受理") | Q(accepted_at__isnull=False),
                name="report_accepted_has_time",
            ),
        ]

    def __str__(self):
        return _("%(body)s %(year)sの報告") % {
            "body": self.body,
            "year": wareki_fiscal_year(self.fiscal_year),
        }

    def get_absolute_url(self):
        return reverse("councils:report", args=[self.fiscal_year])

    def latest_return_comments(self):
        """What staff asked to change when they last returned the report, in the order of
        its sections (whatever its state now)."""
        if self.pk is None or self.returned_at is None:
            return ReviewComment.objects.none()
        section_order = Case(
            *[When(section=key, then=Value(i)) for i, key in enumerate(SECTION_KEYS)],
            default=Value(len(SECTION_KEYS)),
        )
        return self.review_comments.filter(created_at__gte=self.returned_at).order_by(
            section_order, "created_at"
        )

    def current_review_comments(self):
        """The requests the body is asked to act on now: the latest return's, none unless the
        report is returned now. Earlier returns' comments are history: their requests were
        answered by the submission that followed."""
        if self.status != self.Status.RETURNED:
            return ReviewComment.objects.none()
        return self.latest_return_comments()


class RoleAssessment(models.Model):
    report = models.ForeignKey(
        AnnualReport,
        on_delete=models.CASCADE,
        related_name="role_assessments",
        verbose_name=_("年次報告"),
    )
    role = models.ForeignKey(
        "plans.BodyRole",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("地域協働体の役割"),
    )
    level = models.CharField(
        _("達成状況"), max_length=10, choices=AnnualReport.Level.choices, blank=True
    )
    comment = models.TextField(_("所見"), blank=True)

    class Meta:
        verbose_name = _("役割ごとの達成状況")
        verbose_name_plural = _("役割ごとの達成状況")
        ordering = ["report", "role__number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "role"], name="assessment_role_unique"),
        ]

    def __str__(self):
        return f"{self.role}: {self.level}"


class Activity(models.Model):
    # The most activities one report holds: adding one more is refused
    # (councils.services.activity_save()); the list page shows no inputs per activity.
    MAX_PER_REPORT = 200

    report = models.ForeignKey(
        AnnualReport,
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("年次報告"),
    )
    held_on = models.DateField(_("実施日"), null=True, blank=True)
    title = models.CharField(_("活動名"), max_length=200, blank=True)
    role = models.ForeignKey(
        "plans.BodyRole",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("地域協働体の役割"),
    )
    participants = models.PositiveIntegerField(_("参加者数"), null=True, blank=True)
    description = models.TextField(_("内容"), blank=True)

    class Meta:
        verbose_name = _("活動実績")
        verbose_name_plural = _("活動実績")
        ordering = ["report", "held_on", "pk"]

    def __str__(self):
        return self.title or _("（名称未入力の活動）")


def _photo_path(photo, filename):
    return f"reports/{photo.activity.report.fiscal_year}/{photo.activity.report.body_id}/{filename}"


class ActivityPhoto(models.Model):
    """A photo of an activity: stored resized, without EXIF, next to a thumbnail."""

    MAX_PER_ACTIVITY = 3

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="photos", verbose_name=_("活動実績")
    )
    image = models.ImageField(_("写真"), upload_to=_photo_path, validators=IMAGE_VALIDATORS)
    thumbnail = models.ImageField(_("縮小画像"), upload_to=_photo_path)
    caption = models.CharField(
        _("写真の説明"), max_length=200, blank=True, help_text=_("画像を見られない人に伝える説明")
    )

    class Meta:
        verbose_name = _("活動の写真")
        verbose_name_plural = _("活動の写真")
        ordering = ["activity", "pk"]

    def __str__(self):
        return self.caption or self.image.name


class CenterReport(models.Model):
    report = models.ForeignKey(
        AnnualReport,
        on_delete=models.CASCADE,
        related_name="center_reports",
        verbose_name=_("年次報告"),
    )
    center = models.ForeignKey(
        "centers.CivicCenter",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("市民センター"),
    )
    visits = models.PositiveIntegerField(_("利用者数"), null=True, blank=True)
    note = models.TextField(_("備考"), blank=True)

    class Meta:
        verbose_name = _("市民センターの利用状況（報告）")
        verbose_name_plural = _("市民センターの利用状況（報告）")
        ordering = ["report", "center__name"]
        constraints = [
            models.UniqueConstraint(fields=["report", "center"], name="center_report_unique"),
        ]

    def __str__(self):
        return f"{self.center}: {self.visits}"


class SupportRating(models.Model):
    """A body's rating of one support measure, 1 (不満) to 5 (満足)."""

    report = models.ForeignKey(
        AnnualReport,
        on_delete=models.CASCADE,
        related_name="support_ratings",
        verbose_name=_("年次報告"),
    )
    measure = models.ForeignKey(
        SupportMeasure, on_delete=models.PROTECT, related_name="ratings", verbose_name=_("支援策")
    )
    score = models.PositiveSmallIntegerField(
        _("評価"), null=True, blank=True, choices=[(n, str(n)) for n in range(1, 6)]
    )

    class Meta:
        verbose_name = _("支援策の評価")
        verbose_name_plural = _("支援策の評価")
        ordering = ["report", "measure__order"]
        constraints = [
            models.UniqueConstraint(fields=["report", "measure"], name="rating_measure_unique"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5),
                name="rating_score_range",
            ),
        ]

    def __str__(self):
        return f"{self.measure}: {self.score}"


class ReviewComment(models.Model):
    """What staff asked the body to change in one section when returning a report."""

    report = models.ForeignKey(
        AnnualReport,
        on_delete=models.CASCADE,
        related_name="review_comments",
        verbose_name=_("年次報告"),
    )
    section = models.CharField(_("項目"), max_length=20)
    comment = models.TextField(_("コメント"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("職員"),
    )
    created_at = models.DateTimeField(_("日時"), default=timezone.now)

    class Meta:
        verbose_name = _("差戻しのコメント")
        verbose_name_plural = _("差戻しのコメント")
        ordering = ["report", "-created_at"]

    def __str__(self):
        return f"{self.report} {self.section}"


class ReportSnapshot(models.Model):
    """The body's answers as they stood at a submission or a return, for comparison."""

    class Kind(models.TextChoices):
        SUBMITTED = "提出時", _("提出時")
        RETURNED = "差戻し時", _("差戻し時")

    report = models.ForeignKey(
        AnnualReport, on_delete=models.CASCADE, related_name="snapshots", verbose_name=_("年次報告")
    )
    kind = models.CharField(_("種類"), max_length=4, choices=Kind.choices)
    data = models.JSONField(_("内容"))
    created_at = models.DateTimeField(_("日時"), default=timezone.now)

    class Meta:
        verbose_name = _("報告の控え")
        verbose_name_plural = _("報告の控え")
        ordering = ["report", "-created_at"]

    def __str__(self):
        return f"{self.report} {self.kind} {self.created_at:%Y-%m-%d}"
