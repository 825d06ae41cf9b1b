"""Regions, districts and the 地域協働体 that work in them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fiscal import FiscalYearSpan
from core.validators import IMAGE_VALIDATORS, PDF_VALIDATORS

# When a 地域協働体 is active: from its 設立年度 up to the year before its 解散年度.
#
# - Founded by the end of the year and not dissolved by then, as indicator 3-3 counts
#   bodies: a body dissolved in a year is no longer active in that year (it is not there
#   at the year's end, and reports nothing for it).
# - A body whose founding year is not recorded is active in every year until it is
#   dissolved: it is in the registry because the city recognises it, and the missing
#   year is a gap in the record, not a body yet to be founded. 3-3 itself is not
#   computed while any founding year is missing, so this never inflates that count.
BODY_ACTIVE_YEARS = FiscalYearSpan(
    "founded_fiscal_year", "dissolved_fiscal_year", end_inclusive=False
)


class Region(models.Model):
    """One of the 8 地域 of the city, in the city's usual order."""

    name = models.CharField(_("地域"), max_length=20, unique=True)
    slug = models.SlugField(_("URL用の名前"), max_length=40, unique=True, allow_unicode=True)
    order = models.PositiveSmallIntegerField(_("表示順"), unique=True)

    class Meta:
        verbose_name = _("地域")
        verbose_name_plural = _("地域")
        ordering = ["order"]

    def __str__(self):
        return _("%(name)s地域") % {"name": self.name}

    def get_absolute_url(self):
        # The regions' pages are drawn by ``centers``, which reads centres and bodies alike.
        return reverse("regions:detail", args=[self.slug])


class District(models.Model):
    """A 地区: the area a 市民センター and a 地域協働体 serve."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="districts", verbose_name=_("地域")
    )
    name = models.CharField(_("地区"), max_length=30)
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    class Meta:
        verbose_name = _("地区")
        verbose_name_plural = _("地区")
        ordering = ["region__order", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="district_name_unique"),
        ]

    def __str__(self):
        return _("%(name)s地区") % {"name": self.name}


class ReferenceSource(models.Model):
    """Where a row of reference data comes from and how sure it is (staff can correct it)."""

    source = models.URLField(_("出典"), max_length=500, blank=True)
    certainty = models.CharField(
        _("確度"),
        max_length=50,
        blank=True,
        help_text=_(
            "確認済＝出典に記載あり、推定＝確認済みの事実からの推定。不明な値は市で確認してください。"
        ),
    )
    is_sample = models.BooleanField(
        _("サンプルデータ"), default=False, help_text=_("開発・説明用のサンプルであり実在しない")
    )

    class Meta:
        abstract = True


class CollaborationBodyQuerySet(models.QuerySet):
    def with_managed_periods(self):
        """Each body with the periods in which it manages a centre, and those centres, in
        two queries (``periods_in_order()``, ``centers_managed_in()``). The periods are
        ``centers`` data, reached through the relation rather than an import."""
        periods = self.model._meta.get_field("managed_periods").related_model
        return self.prefetch_related(
            Prefetch(
                "managed_periods",
                queryset=periods.objects.select_related("center").order_by("first_fiscal_year"),
            )
        )

    def for_listing(self):
        return self.select_related("region", "district").order_by(
            "region__order", "district__order", "name"
        )

    def active_in(self, fiscal_year: int):
        """The bodies active in ``fiscal_year`` (see ``BODY_ACTIVE_YEARS``)."""
        return self.filter(BODY_ACTIVE_YEARS.q(fiscal_year))


class CollaborationBody(ReferenceSource):
    class Status(models.TextChoices):
        ACTIVE = "活動中", _("活動中")
        DISSOLVED = "解散", _("解散")

    name = models.CharField(_("名称"), max_length=100, unique=True)
    kana = models.CharField(_("よみがな"), max_length=200, blank=True)
    slug = models.SlugField(_("URL用の名前"), max_length=100, unique=True, allow_unicode=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="bodies", verbose_name=_("地域")
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bodies",
        verbose_name=_("地区"),
    )
    founded_fiscal_year = models.PositiveSmallIntegerField(
        _("設立年度"), null=True, blank=True, help_text=_("設立件数（指標3-3）の算出に使います")
    )
    founded_note = models.CharField(
        _("設立の記録"), max_length=50, blank=True, help_text=_("例：2015年2月、2016年6月22日")
    )
    status = models.CharField(
        _("状態"), max_length=3, choices=Status.choices, default=Status.ACTIVE
    )
    dissolved_fiscal_year = models.PositiveSmallIntegerField(_("解散年度"), null=True, blank=True)
    plan_vision = models.TextField(_("地域づくり計画の将来像"), blank=True)
    plan_revised_on = models.DateField(_("地域づくり計画の最終改定日"), null=True, blank=True)
    plan_pdf = models.FileField(
        _("地域づくり計画（PDF）"),
        upload_to="bodies/plans/",
        blank=True,
        validators=PDF_VALIDATORS,
    )
    website = models.URLField(_("ウェブサイト"), blank=True)
    contact = models.CharField(_("公開する連絡先"), max_length=200, blank=True)
    photo = models.ImageField(
        _("ロゴまたは写真"), upload_to="bodies/photos/", blank=True, validators=IMAGE_VALIDATORS
    )

    objects = CollaborationBodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("地域協働体")
        verbose_name_plural = _("地域協働体")
        ordering = ["region__order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["活動中", "解散"]), name="body_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status="活動中", dissolved_fiscal_year__isnull=True)
                | Q(status="解散", dissolved_fiscal_year__isnull=False),
                name="body_dissolved_year_matches_status",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("councils:body-detail", args=[self.slug])

    def is_active_in(self, fiscal_year: int) -> bool:
        """Whether the body is active in ``fiscal_year`` (see ``BODY_ACTIVE_YEARS``)."""
        return BODY_ACTIVE_YEARS.contains(self, fiscal_year)

    def periods_in_order(self) -> list:
        """The body's management periods in the order they began (use
        ``CollaborationBody.objects.with_managed_periods()``, as ``/bodies/`` does)."""
        return sorted(self.managed_periods.all(), key=lambda period: period.first_fiscal_year)

    def centers_managed_in(self, fiscal_year: int) -> list:
        """The centres the body manages in ``fiscal_year`` (prefetch as for
        ``periods_in_order()``)."""
        return [p.center for p in self.periods_in_order() if p.covers(fiscal_year)]

    def clean(self):
        if self.status == self.Status.DISSOLVED and self.dissolved_fiscal_year is None:
            raise ValidationError(
                {"dissolved_fiscal_year": _("解散した場合は解散年度を入力してください。")}
            )
        if self.status == self.Status.ACTIVE and self.dissolved_fiscal_year is not None:
            raise ValidationError(
                {"dissolved_fiscal_year": _("活動中の団体には解散年度を入力できません。")}
            )
