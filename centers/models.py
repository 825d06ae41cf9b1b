"""市民センター: who manages each in which years, how much it is used, and the population."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fiscal import FiscalYearSpan, wareki_fiscal_year
from core.validators import IMAGE_VALIDATORS
from councils.models import ReferenceSource

# When a centre is open: from its 開館年度 up to the year before its 閉館年度. A centre
# closed in a year is not open in it (like a dissolved body, it is gone by the year's
# end, and its usage that year does not count towards 0-1); an unknown 開館年度 means
# open since before the records.
CENTER_OPEN_YEARS = FiscalYearSpan("opened_fiscal_year", "closed_fiscal_year", end_inclusive=False)

# The years a management period covers: 開始年度 to 終了年度, both included; an empty
# 終了年度 means it still runs. A period that ends mid-plan covers nothing after its
# 終了年度: the centre then has no recorded manager (「記録なし」) until staff record the
# next period; nobody guesses that the city took it back.
PERIOD_YEARS = FiscalYearSpan("first_fiscal_year", "last_fiscal_year", end_inclusive=True)


@dataclass(frozen=True)
class UsageCoverage:
    """How far a fiscal year's usage figures cover the centres open in it.

    The city's total is known only when every open centre has a figure (``is_complete``):
    0-1 waits for it, and so does a centre's share of the city. Figures of centres not open
    in the year are left out, as 0-1 leaves them out.
    """

    fiscal_year: int
    centers: int  # open in the year
    reported: int  # of those, with a figure
    visits: int  # the sum of those figures
    samples: int  # of those figures, sample data

    @property
    def is_complete(self) -> bool:
        return 0 < self.centers == self.reported

    def share_of(self, visits: int) -> float | None:
        """``visits`` as a percentage of the city's total, to one decimal, or None when the
        total is not known."""
        if not self.is_complete or not self.visits:
            return None
        return round(visits * 100 / self.visits, 1)


class ManagementPeriodQuerySet(models.QuerySet):
    def covering(self, fiscal_year: int):
        """The periods in force in ``fiscal_year`` (see ``PERIOD_YEARS``)."""
        return self.filter(PERIOD_YEARS.q(fiscal_year))


class CivicCenterQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related("region", "district").prefetch_related(
            models.Prefetch(
                "management_periods",
                queryset=ManagementPeriod.objects.select_related("body").order_by(
                    "first_fiscal_year"
                ),
            ),
            models.Prefetch("usages", queryset=CenterUsage.objects.order_by("fiscal_year")),
        )

    def open_in(self, fiscal_year: int):
        """The centres open in ``fiscal_year`` (see ``CENTER_OPEN_YEARS``)."""
        return self.filter(CENTER_OPEN_YEARS.q(fiscal_year))

    def usage_coverage(self, years: Iterable[int]) -> dict[int, UsageCoverage]:
        """For each of ``years``, how many of these centres are open, how many of those have
        a usage figure and what they add up to: one query however many years."""
        years = sorted(set(years))
        aggregates = {}
        for year in years:
            is_open = CENTER_OPEN_YEARS.q(year)
            figure = is_open & Q(usages__fiscal_year=year)
            aggregates |= {
                f"centers_{year}": Count("pk", filter=is_open, distinct=True),
                f"reported_{year}": Count("usages", filter=figure),
                f"visits_{year}": Sum("usages__visits", filter=figure),
                f"samples_{year}": Count("usages", filter=figure & Q(usages__is_sample=True)),
            }
        totals = self.aggregate(**aggregates) if aggregates else {}
        return {
            year: UsageCoverage(
                fiscal_year=year,
                centers=totals[f"centers_{year}"],
                reported=totals[f"reported_{year}"],
                visits=totals[f"visits_{year}"] or 0,
                samples=totals[f"samples_{year}"],
            )
            for year in years
        }

    def management_counts(self, fiscal_year: int) -> dict[str, int]:
        """In one query, how many of these centres there are (``total``), how many have a
        recorded manager in ``fiscal_year`` (``recorded``) and how many of those the region
        manages (``regional``, 指定管理): ``CivicCenter.manager_in()``'s rule, the first
        recorded period covering the year, counted in the database."""
        kind = (
            ManagementPeriod.objects.covering(fiscal_year)
            .filter(center=OuterRef("pk"))
            .order_by("first_fiscal_year")
            .values("kind")[:1]
        )
        return self.annotate(kind_in_year=Subquery(kind)).aggregate(
            total=Count("pk"),
            recorded=Count("pk", filter=Q(kind_in_year__isnull=False)),
            regional=Count("pk", filter=Q(kind_in_year=ManagementPeriod.Kind.DESIGNATED)),
        )


class CivicCenter(ReferenceSource):
    name = models.CharField(_("名称"), max_length=100, unique=True)
    slug = models.SlugField(_("URL用の名前"), max_length=100, unique=True, allow_unicode=True)
    region = models.ForeignKey(
        "councils.Region", on_delete=models.PROTECT, related_name="centers", verbose_name=_("地域")
    )
    district = models.ForeignKey(
        "councils.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="centers",
        verbose_name=_("地区"),
    )
    address = models.CharField(_("住所"), max_length=200, blank=True)
    phone = models.CharField(_("電話番号"), max_length=30, blank=True)
    facilities = models.TextField(_("施設の概要"), blank=True)
    photo = models.ImageField(
        _("写真"), upload_to="centers/photos/", blank=True, validators=IMAGE_VALIDATORS
    )
    management_note = models.CharField(
        _("指定管理の記録（出典の記載）"),
        max_length=200,
        blank=True,
        help_text=_("出典に書かれた管理の記録。年度が分かるものは管理期間として登録します。"),
    )
    opened_fiscal_year = models.PositiveSmallIntegerField(_("開館年度"), null=True, blank=True)
    closed_fiscal_year = models.PositiveSmallIntegerField(_("閉館年度"), null=True, blank=True)

    objects = CivicCenterQuerySet.as_manager()

    class Meta:
        verbose_name = _("市民センター")
        verbose_name_plural = _("市民センター")
        ordering = ["region__order", "district__order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("centers:detail", args=[self.slug])

    def is_open_in(self, fiscal_year: int) -> bool:
        """Whether the centre is open in ``fiscal_year`` (see ``CENTER_OPEN_YEARS``)."""
        return CENTER_OPEN_YEARS.contains(self, fiscal_year)

    def manager_in(self, fiscal_year: int):
        """The management period covering ``fiscal_year`` (直営, or 指定管理 by whom), or
        None when none is recorded. It reads the records only: whether the centre was open
        that year is ``is_open_in()``'s question. Free of queries after ``for_listing()``."""
        for period in self.management_periods.all():
            if period.covers(fiscal_year):
                return period
        return None

    def usage_in(self, fiscal_year: int):
        for usage in self.usages.all():
            if usage.fiscal_year == fiscal_year:
                return usage
        return None

    def latest_usage(self):
        usages = list(self.usages.all())
        return usages[-1] if usages else None


class ManagementPeriod(models.Model):
    """Who manages a centre from one fiscal year to another: the city itself, or a body."""

    class Kind(models.TextChoices):
        DIRECT = "直営", _("直営")
        DESIGNATED = "指定管理", _("指定管理")

    center = models.ForeignKey(
        CivicCenter,
        on_delete=models.CASCADE,
        related_name="management_periods",
        verbose_name=_("市民センター"),
    )
    kind = models.CharField(_("管理の方法"), max_length=4, choices=Kind.choices)
    body = models.ForeignKey(
        "councils.CollaborationBody",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="managed_periods",
        verbose_name=_("指定管理者（地域協働体）"),
        help_text=_("指定管理で、管理者の地域協働体が登録済みの場合"),
    )
    manager_note = models.CharField(
        _("指定管理者（記録）"),
        max_length=100,
        blank=True,
        help_text=_("管理者の団体が未登録のときの記録（例：地元の地域協働体）"),
    )
    first_fiscal_year = models.PositiveSmallIntegerField(_("開始年度"))
    last_fiscal_year = models.PositiveSmallIntegerField(
        _("終了年度"), null=True, blank=True, help_text=_("空欄は継続中")
    )
    source = models.URLField(_("出典"), max_length=500, blank=True)

    objects = ManagementPeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("管理期間")
        verbose_name_plural = _("管理期間")
        ordering = ["center", "first_fiscal_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_fiscal_year__isnull=True)
                | Q(last_fiscal_year__gte=models.F("first_fiscal_year")),
                name="period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["直営", "指定管理"]), name="period_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind="指定管理") | Q(body__isnull=True),
                name="period_direct_has_no_body",
            ),
            models.UniqueConstraint(
                fields=["center", "first_fiscal_year"], name="period_start_unique"
            ),
        ]

    def __str__(self):
        return f"{self.center} {self.years_label} {self.manager_label}"

    def covers(self, fiscal_year: int) -> bool:
        """Whether the period is in force in ``fiscal_year`` (see ``PERIOD_YEARS``)."""
        return PERIOD_YEARS.contains(self, fiscal_year)

    def overlaps(self, other) -> bool:
        end = self.last_fiscal_year if self.last_fiscal_year is not None else 9999
        other_end = other.last_fiscal_year if other.last_fiscal_year is not None else 9999
        return self.first_fiscal_year <= other_end and other.first_fiscal_year <= end

    @property
    def is_regional(self) -> bool:
        """Managed by the region (指定管理 by a 地域協働体)."""
        return self.kind == self.Kind.DESIGNATED

    @property
    def manager_label(self):
        if self.kind == self.Kind.DIRECT:
            return _("直営（市）")
        return str(self.body) if self.body_id else (self.manager_note or _("指定管理者（未登録）"))

    @property
    def years_label(self):
        first = wareki_fiscal_year(self.first_fiscal_year)
        if self.last_fiscal_year is None:
            return _("%(first)sから") % {"first": first}
        return _("%(first)s〜%(last)s") % {
            "first": first,
            "last": wareki_fiscal_year(self.last_fiscal_year),
        }

    def clean(self):
        if self.kind == self.Kind.DIRECT and self.body_id:
            raise ValidationError({"body": _("直営の期間には指定管理者を設定できません。")})
        if self.first_fiscal_year is None:
            return  # the field's own error asks for it; the years cannot be compared
        if self.last_fiscal_year is not None and self.last_fiscal_year < self.first_fiscal_year:
            raise ValidationError({"last_fiscal_year": _("終了年度は開始年度以降にしてください。")})
        if self.center_id:
            others = ManagementPeriod.objects.filter(center_id=self.center_id).exclude(pk=self.pk)
            for other in others:
                if self.overlaps(other):
                    raise ValidationError(
                        _("%(center)sの管理期間が既存の期間（%(years)s）と重なっています。")
                        % {"center": self.center, "years": other.years_label}
                    )


class CenterUsageQuerySet(models.QuerySet):
    def of_open_centers(self):
        """The figures of centres open in the figure's own year (what 0-1 adds up)."""
        return self.filter(CENTER_OPEN_YEARS.q(F("fiscal_year"), prefix="center__"))


class CenterUsage(models.Model):
    """How much a centre was used in one fiscal year."""

    class Source(models.TextChoices):
        STAFF = "市の入力", _("市の入力")
        BODY_REPORT = "協働体の報告", _("協働体の報告")
        IMPORT = "ファイル取込", _("ファイル取込")

    center = models.ForeignKey(
        CivicCenter, on_delete=models.CASCADE, related_name="usages", verbose_name=_("市民センター")
    )
    fiscal_year = models.PositiveSmallIntegerField(_("年度"))
    visits = models.PositiveIntegerField(_("利用者数"))
    bookings = models.PositiveIntegerField(_("利用件数"), null=True, blank=True)
    note = models.TextField(_("備考"), blank=True)
    source = models.CharField(
        _("入力元"), max_length=10, choices=Source.choices, default=Source.STAFF
    )
    is_sample = models.BooleanField(_("サンプルデータ"), default=False)

    objects = CenterUsageQuerySet.as_manager()

    class Meta:
        verbose_name = _("市民センターの利用状況")
        verbose_name_plural = _("市民センターの利用状況")
        ordering = ["center", "fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["center", "fiscal_year"], name="usage_year_unique"),
            models.CheckConstraint(
                condition=Q(fiscal_year__gte=2000, fiscal_year__lte=2100),
                name="usage_year_plausible",
            ),
        ]

    def __str__(self):
        return f"{self.center} {wareki_fiscal_year(self.fiscal_year)}"


class Population(models.Model):
    """The population the city uses for a fiscal year: the whole city, or one region."""

    fiscal_year = models.PositiveSmallIntegerField(_("年度"))
    region = models.ForeignKey(
        "councils.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="populations",
        verbose_name=_("地域"),
        help_text=_("空欄は市全体"),
    )
    as_of = models.DateField(_("基準日"))
    population = models.PositiveIntegerField(_("人口"))
    households = models.PositiveIntegerField(_("世帯数"), null=True, blank=True)
    source = models.CharField(_("出典"), max_length=500, blank=True)
    is_sample = models.BooleanField(_("サンプルデータ"), default=False)

    class Meta:
        verbose_name = _("人口")
        verbose_name_plural = _("人口")
        ordering = ["fiscal_year", "region__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year"],
                condition=Q(region__isnull=True),
                name="population_city_year_unique",
            ),
            models.UniqueConstraint(
                fields=["fiscal_year", "region"],
                condition=Q(region__isnull=False),
                name="population_region_year_unique",
            ),
        ]

    def __str__(self):
        where = self.region or _("一関市")
        return f"{where} {wareki_fiscal_year(self.fiscal_year)} {self.population}"
