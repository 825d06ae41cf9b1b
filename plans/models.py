"""The plan itself: policies, measures, projects and the plan's reference content."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.choices import choice_label
from core.fiscal import (
    PLAN_FIRST_FISCAL_YEAR,
    PLAN_LAST_FISCAL_YEAR,
    check_plan_year,
    wareki_fiscal_year,
)

# The period of the 3rd plan (令和6〜10年度); schedules must fall inside it.
FIRST_FISCAL_YEAR = PLAN_FIRST_FISCAL_YEAR
LAST_FISCAL_YEAR = PLAN_LAST_FISCAL_YEAR


class PlanQuerySet(models.QuerySet):
    def current(self):
        """The plan the portal presents (the newest one loaded)."""
        return self.order_by("-first_fiscal_year").first()


class Plan(models.Model):
    title = models.CharField(_("計画名"), max_length=200)
    title_en = models.CharField(_("計画名（英語）"), max_length=200, blank=True)
    slogan = models.CharField(_("スローガン"), max_length=200, blank=True)
    slogan_en = models.CharField(_("スローガン（英語）"), max_length=200, blank=True)
    vision = models.CharField(_("目指す姿"), max_length=200)
    vision_en = models.CharField(_("目指す姿（英語）"), max_length=200, blank=True)
    first_fiscal_year = models.PositiveSmallIntegerField(_("計画期間（開始年度）"))
    last_fiscal_year = models.PositiveSmallIntegerField(_("計画期間（終了年度）"))
    adopted_on = models.DateField(
        _("策定年月"),
        null=True,
        blank=True,
        help_text=_(
            "計画書には年月のみ記載されているため、日は1日として保存し、年月だけを表示します。"
        ),
    )

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("計画")
        verbose_name_plural = _("計画")
        ordering = ["-first_fiscal_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_fiscal_year__gte=models.F("first_fiscal_year")),
                name="plan_period_ordered",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("plans:overview")

    def clean(self):
        if (
            self.first_fiscal_year is not None
            and self.last_fiscal_year is not None
            and self.last_fiscal_year < self.first_fiscal_year
        ):
            raise ValidationError(
                {"last_fiscal_year": _("終了年度は開始年度と同じか、それより後にしてください。")}
            )

    @property
    def fiscal_years(self):
        return range(self.first_fiscal_year, self.last_fiscal_year + 1)


class BasicPolicy(models.Model):
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="policies", verbose_name=_("計画")
    )
    number = models.PositiveSmallIntegerField(_("番号"))
    title = models.CharField(_("基本方針"), max_length=200)
    title_en = models.CharField(_("英語の名称"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("基本方針")
        verbose_name_plural = _("基本方針")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="policy_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="policy_number_positive"),
        ]

    def __str__(self):
        return _("基本方針%(number)s %(title)s") % {"number": self.number, "title": self.title}

    def get_absolute_url(self):
        return reverse("plans:policy-detail", args=[self.number])


class Measure(models.Model):
    policy = models.ForeignKey(
        BasicPolicy, on_delete=models.CASCADE, related_name="measures", verbose_name=_("基本方針")
    )
    number = models.PositiveSmallIntegerField(_("番号"), help_text=_("基本方針の中での番号"))
    title = models.CharField(_("施策"), max_length=200)
    title_en = models.CharField(_("英語の名称"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("施策")
        verbose_name_plural = _("施策")
        ordering = ["policy", "number"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "number"], name="measure_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="measure_number_positive"),
        ]

    def __str__(self):
        return f"({self.number}) {self.title}"

    def get_absolute_url(self):
        return f"{self.policy.get_absolute_url()}#measure-{self.number}"


class MeasureObjective(models.Model):
    """One of a measure's objectives, marked ①, ② in the plan."""

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="objectives", verbose_name=_("施策")
    )
    number = models.PositiveSmallIntegerField(_("番号"))
    text = models.TextField(_("目標"))

    class Meta:
        verbose_name = _("施策の目標")
        verbose_name_plural = _("施策の目標")
        ordering = ["measure", "number"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "number"], name="objective_number_unique"),
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=20), name="objective_number_range"
            ),
        ]

    def __str__(self):
        return f"{self.marker} {self.text}"

    @property
    def marker(self):
        """The circled number the plan uses: ①, ②, …"""
        return chr(0x2460 + self.number - 1)


class ProjectQuerySet(models.QuerySet):
    def with_plan_details(self):
        """Projects with what every project listing shows: measure, policy, schedule, roles,
        and the statuses citizens may see (as ``published_statuses``, oldest year first)."""
        return self.select_related("measure__policy").prefetch_related(
            "phases",
            "roles",
            models.Prefetch(
                "statuses",
                queryset=ProjectYearStatus.objects.published().order_by("fiscal_year"),
                to_attr="published_statuses",
            ),
        )

    def for_overview(self):
        """The 体系図's projects (/plan/): schedule, roles and the statuses citizens may see,
        as ``with_plan_details()``, of which it shows only the year and the 評価; the
        statuses' texts stay in the database (the measure and policy come from the tree)."""
        statuses = ProjectYearStatus.objects.published().only(
            "project", "fiscal_year", "evaluation"
        )
        return self.prefetch_related(
            "phases",
            "roles",
            models.Prefetch(
                "statuses", queryset=statuses.order_by("fiscal_year"), to_attr="published_statuses"
            ),
        )


class Project(models.Model):
    class Kind(models.TextChoices):
        NEW = "新規", _("新規")
        EXPANDED = "拡充", _("拡充")
        CONTINUED = "継続", _("継続")

    measure = models.ForeignKey(
        Measure, on_delete=models.PROTECT, related_name="projects", verbose_name=_("施策")
    )
    number = models.PositiveSmallIntegerField(
        _("事業番号"), unique=True, help_text=_("計画全体を通した番号（1〜18）")
    )
    title = models.CharField(_("事業名"), max_length=200)
    title_en = models.CharField(_("英語の名称"), max_length=200, blank=True)
    short_title = models.CharField(
        _("体系図での名称"),
        max_length=200,
        blank=True,
        help_text=_("体系図の「具体的な取組」の名称が事業名と異なる場合のみ"),
    )
    kind = models.CharField(_("区分"), max_length=2, choices=Kind.choices)
    description = models.TextField(_("内容"))

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("事業")
        verbose_name_plural = _("事業")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(condition=Q(number__gte=1), name="project_number_positive"),
            models.CheckConstraint(
                condition=Q(kind__in=["新規", "拡充", "継続"]), name="project_kind_valid"
            ),
        ]

    def __str__(self):
        return _("事業%(number)s %(title)s") % {"number": self.number, "title": self.title}

    def get_absolute_url(self):
        return reverse("plans:project-detail", args=[self.number])

    def get_kind_display(self):
        return choice_label(self.Kind, self.kind)

    @property
    def display_short_title(self):
        return self.short_title or self.title

    @property
    def circled_number(self):
        """The project's number as the 体系図 writes it: ①〜⑳."""
        return chr(0x2460 + self.number - 1) if 1 <= self.number <= 20 else str(self.number)

    @property
    def description_paragraphs(self):
        return [line for line in self.description.splitlines() if line.strip()]

    def schedule(self):
        """The phases in fiscal-year order, each marked when it repeats the year before.

        The plan writes "→" for "the same as the year before"; the stored phase is
        always the resolved one, and the arrow is only drawn, with ``arrow_text`` for
        screen readers (made here once per cell: the 体系図 has 90 of them).
        """
        rows = []
        previous = None
        for phase in sorted(self.phases.all(), key=lambda p: p.fiscal_year):
            same = phase.phase == previous
            arrow_text = ""
            if same:
                arrow_text = _("前年度と同じ（%(phase)s）") % {"phase": phase.get_phase_display()}
            rows.append({"phase": phase, "same_as_before": same, "arrow_text": arrow_text})
            previous = phase.phase
        return rows

    @property
    def latest_published_status(self):
        """The newest status citizens may see (needs ``with_plan_details()``)."""
        return self.published_statuses[-1] if self.published_statuses else None

    def yearly_progress(self):
        """Each plan year with its planned phase and its published status (or None)."""
        by_year = {status.fiscal_year: status for status in self.published_statuses}
        return [
            {"phase": row["phase"], "status": by_year.get(row["phase"].fiscal_year)}
            for row in self.schedule()
        ]

    def role_of(self, actor):
        for role in self.roles.all():
            if role.actor == actor:
                return role.role
        return ""

    def roles_by_actor(self):
        """``[(actor, role)]`` for 市民等, 協働体, 市 in that order; role is "" for none."""
        return [(actor, self.role_of(actor.value)) for actor in ProjectRole.Actor]


class ProjectPhase(models.Model):
    """What the plan schedules for a project in one fiscal year: 実施 or 検討."""

    class Phase(models.TextChoices):
        IMPLEMENT = "実施", _("実施")
        CONSIDER = "検討", _("検討")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="phases", verbose_name=_("事業")
    )
    fiscal_year = models.PositiveSmallIntegerField(_("年度"))
    phase = models.CharField(_("実施区分"), max_length=2, choices=Phase.choices)

    class Meta:
        verbose_name = _("実施年度")
        verbose_name_plural = _("実施年度")
        ordering = ["project", "fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["project", "fiscal_year"], name="phase_year_unique"),
            models.CheckConstraint(
                condition=Q(fiscal_year__gte=FIRST_FISCAL_YEAR, fiscal_year__lte=LAST_FISCAL_YEAR),
                name="phase_year_in_plan",
            ),
            models.CheckConstraint(condition=Q(phase__in=["実施", "検討"]), name="phase_valid"),
        ]

    def __str__(self):
        return f"{wareki_fiscal_year(self.fiscal_year)} {self.get_phase_display()}"

    def get_phase_display(self):
        return choice_label(self.Phase, self.phase)

    def clean(self):
        check_plan_year(self.fiscal_year)


class ProjectRole(models.Model):
    """How one 取組主体 takes part in a project: ◎ leads, ○ takes part (no row: none)."""

    class Actor(models.TextChoices):
        CITIZENS = "市民等", _("市民等")
        BODIES = "協働体", _("協働体")
        CITY = "市", _("市")

    class Role(models.TextChoices):
        LEAD = "◎", _("◎ 先導的に取り組む")
        PARTICIPATE = "○", _("○ 参加・協力する")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="roles", verbose_name=_("事業")
    )
    actor = models.CharField(_("取組主体"), max_length=3, choices=Actor.choices)
    role = models.CharField(_("役割"), max_length=1, choices=Role.choices)

    class Meta:
        verbose_name = _("取組主体の役割")
        verbose_name_plural = _("取組主体の役割")
        ordering = ["project", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "actor"], name="role_actor_unique"),
            models.CheckConstraint(
                condition=Q(actor__in=["市民等", "協働体", "市"]), name="role_actor_valid"
            ),
            models.CheckConstraint(condition=Q(role__in=["◎", "○"]), name="role_valid"),
        ]

    def __str__(self):
        return f"{self.get_actor_display()} {self.role}"


class ConcurrentEditError(Exception):
    """Another person saved the same row after this edit began."""


class ProjectYearStatusQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def for_open_data(self):
        return self.published().select_related("project").order_by("project__number", "fiscal_year")


class ProjectYearStatus(models.Model):
    """How a project went in one fiscal year, as city staff record it."""

    class Evaluation(models.TextChoices):
        A = "A", _("A 計画どおり")
        B = "B", _("B 概ね計画どおり")
        C = "C", _("C 遅れている")
        D = "D", _("D 未着手")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="statuses", verbose_name=_("事業")
    )
    fiscal_year = models.PositiveSmallIntegerField(_("年度"))
    evaluation = models.CharField(_("評価"), max_length=1, choices=Evaluation.choices)
    activities = models.TextField(_("実施状況"), blank=True)
    results = models.TextField(_("成果"), blank=True)
    issues = models.TextField(_("課題"), blank=True)
    direction = models.TextField(_("今後の方向性"), blank=True)
    is_published = models.BooleanField(_("公開"), default=False)
    published_at = models.DateTimeField(_("公開日時"), null=True, blank=True)
    is_sample = models.BooleanField(
        _("サンプルデータ"), default=False, help_text=_("開発・説明用のサンプルであり実績ではない")
    )
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("最終更新者"),
    )

    version = models.PositiveIntegerField(
        _("版"), default=0, editable=False, help_text=_("保存のたびに増え、同時編集を検出します")
    )

    history = HistoricalRecords(verbose_name=_("事業の年度別状況の履歴"))
    objects = ProjectYearStatusQuerySet.as_manager()

    # Fields whose change, once published, needs a reason and shows in the public history.
    PUBLIC_FIELDS = ["evaluation", "activities", "results", "issues", "direction"]

    class Meta:
        verbose_name = _("事業の年度別状況")
        verbose_name_plural = _("事業の年度別状況")
        ordering = ["project__number", "fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["project", "fiscal_year"], name="status_year_unique"),
            models.CheckConstraint(
                condition=Q(fiscal_year__gte=FIRST_FISCAL_YEAR, fiscal_year__lte=LAST_FISCAL_YEAR),
                name="status_year_in_plan",
            ),
            models.CheckConstraint(
                condition=Q(evaluation__in=["A", "B", "C", "D"]), name="status_evaluation_valid"
            ),
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(published_at__isnull=False),
                name="status_published_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.project} {wareki_fiscal_year(self.fiscal_year)}"

    def save(self, *args, **kwargs):
        """Save, refusing to overwrite a change someone else saved in the meantime.

        A form sets ``expected_version`` to the version it was opened with; the row is
        only written if that is still the stored version.
        """
        expected = getattr(self, "expected_version", None)
        if self.pk and expected is not None:
            claimed = ProjectYearStatus.objects.filter(pk=self.pk, version=expected).update(
                version=models.F("version") + 1
            )
            if not claimed:
                raise ConcurrentEditError(self)
            self.version = expected + 1
        elif self.pk:
            self.version += 1
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.project.get_absolute_url()}#status-{self.fiscal_year}"

    def get_evaluation_display(self):
        return choice_label(self.Evaluation, self.evaluation)

    def clean(self):
        check_plan_year(self.fiscal_year)

    @property
    def planned_phase(self):
        """The phase the plan schedules for this year (実施 or 検討), or ""."""
        for phase in self.project.phases.all():
            if phase.fiscal_year == self.fiscal_year:
                return phase.phase
        return ""


class GlossaryTerm(models.Model):
    """用語の定義."""

    number = models.PositiveSmallIntegerField(_("番号"), unique=True)
    term = models.CharField(_("用語"), max_length=100)
    definition = models.TextField(_("定義"))
    note = models.TextField(_("注記"), blank=True)

    class Meta:
        verbose_name = _("用語の定義")
        verbose_name_plural = _("用語の定義")
        ordering = ["number"]

    def __str__(self):
        return self.term

    def get_absolute_url(self):
        return reverse("plans:about") + f"#term-{self.number}"


class HistoryEntry(models.Model):
    """One line of the plan's 主な経過."""

    fiscal_year = models.PositiveSmallIntegerField(_("年度"))
    order = models.PositiveSmallIntegerField(_("年度内の順序"), default=1)
    text = models.CharField(_("できごと"), max_length=300)

    class Meta:
        verbose_name = _("主な経過")
        verbose_name_plural = _("主な経過")
        ordering = ["fiscal_year", "order"]
        constraints = [
            models.UniqueConstraint(fields=["fiscal_year", "order"], name="history_order_unique"),
        ]

    def __str__(self):
        return f"{wareki_fiscal_year(self.fiscal_year)} {self.text}"


class BodyRole(models.Model):
    """One of the five roles the plan expects of a 地域協働体, with example activities."""

    number = models.PositiveSmallIntegerField(_("番号"), unique=True)
    title = models.CharField(_("役割"), max_length=200)
    examples = models.TextField(_("活動の事例"), help_text=_("1行に1つ"))

    class Meta:
        verbose_name = _("地域協働体の役割")
        verbose_name_plural = _("地域協働体の役割")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=20), name="body_role_number_range"
            ),
        ]

    def __str__(self):
        return f"{self.marker}{self.title}"

    @property
    def marker(self):
        return chr(0x2460 + self.number - 1)

    @property
    def example_list(self):
        return [line.strip() for line in self.examples.splitlines() if line.strip()]


class ActionStandard(models.Model):
    """協働の行動基準."""

    number = models.PositiveSmallIntegerField(_("番号"), unique=True)
    text = models.TextField(_("行動基準"))

    class Meta:
        verbose_name = _("協働の行動基準")
        verbose_name_plural = _("協働の行動基準")
        ordering = ["number"]

    def __str__(self):
        return f"({self.number}) {self.text}"
