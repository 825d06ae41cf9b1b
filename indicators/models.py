"""The plan's outcome indicators and their yearly actuals."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fiscal import wareki_fiscal_year
from core.templatetags.portal import number
from indicators.progress import assess

BASELINE_FISCAL_YEAR = 2022
TARGET_FISCAL_YEAR = 2028
PERCENT_UNITS = {"%", "％"}

code_validator = RegexValidator(
    r"^[0-9]-[0-9]{1,2}$",
    _("指標コードは「1-1」のように、基本方針の番号と指標の番号をハイフンでつないでください。"),
)


class IndicatorQuerySet(models.QuerySet):
    def with_actuals(self):
        """Indicators with their policy and actuals (oldest year first), for any listing."""
        return self.select_related("policy").prefetch_related(
            models.Prefetch("values", queryset=IndicatorValue.objects.order_by("fiscal_year"))
        )


class Indicator(models.Model):
    code = models.CharField(
        _("指標コード"),
        max_length=5,
        unique=True,
        validators=[code_validator],
        help_text=_("総合計画の指標は「0-1」、基本方針の指標は「1-1」〜「3-3」"),
    )
    policy = models.ForeignKey(
        "plans.BasicPolicy",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("基本方針"),
        help_text=_("総合計画の指標は空欄"),
    )
    name = models.CharField(_("指標名"), max_length=200)
    name_en = models.CharField(_("英語の名称"), max_length=200, blank=True)
    unit = models.CharField(_("単位"), max_length=20)
    unit_en = models.CharField(
        _("単位（英語）"),
        max_length=40,
        blank=True,
        help_text=_(
            "英語のページで数値の後に表示します（例：people、meetings、%）。空欄なら日本語の単位を表示します。"
        ),
    )
    decimal_places = models.PositiveSmallIntegerField(_("表示する小数点以下の桁数"), default=0)
    baseline_fiscal_year = models.PositiveSmallIntegerField(
        _("現状値の年度"), default=BASELINE_FISCAL_YEAR
    )
    baseline_value = models.DecimalField(
        _("現状値"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("計画に現状値がない（「—」）場合は空欄"),
    )
    target_fiscal_year = models.PositiveSmallIntegerField(
        _("目標値の年度"), default=TARGET_FISCAL_YEAR
    )
    target_value = models.DecimalField(_("目標値"), max_digits=14, decimal_places=2)
    description = models.TextField(_("指標の説明"), blank=True)
    method = models.TextField(_("算定方法"), blank=True)
    source = models.CharField(_("出典"), max_length=200, blank=True)
    department = models.CharField(_("所管"), max_length=100, blank=True)
    next_publication_on = models.DateField(
        _("次回公表予定日"), null=True, blank=True, help_text=_("次の実績値を公表する予定の日")
    )

    history = HistoricalRecords(verbose_name=_("成果指標の履歴"))
    objects = IndicatorQuerySet.as_manager()

    # The definition: once actuals exist, changing it needs a reason and is shown publicly.
    DEFINITION_FIELDS = [
        "name",
        "unit",
        "baseline_fiscal_year",
        "baseline_value",
        "target_fiscal_year",
        "target_value",
        "method",
    ]

    class Meta:
        verbose_name = _("成果指標")
        verbose_name_plural = _("成果指標")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[0-9]-[0-9]{1,2}$"), name="indicator_code_format"
            ),
            models.CheckConstraint(
                condition=Q(target_fiscal_year__gt=models.F("baseline_fiscal_year")),
                name="indicator_target_after_baseline",
            ),
            models.CheckConstraint(
                condition=Q(decimal_places__lte=2), name="indicator_decimal_places_max"
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        return reverse("indicators:detail", args=[self.code])

    @property
    def is_plan_wide(self):
        """True for the 総合計画 indicator, which belongs to no single policy."""
        return self.policy_id is None

    @property
    def number(self):
        return int(self.code.split("-")[1])

    def format_value(self, value) -> str:
        """A figure as the public pages write it, 「7,489件」 or 「4.23回／年」, for staff.

        A percentage may be stored with more decimals than the indicator shows (41.7 of a
        whole-number %); those decimals are kept, so staff never miss what is stored.
        """
        stored_places = max(0, -Decimal(value).normalize().as_tuple().exponent)
        places = max(self.decimal_places, stored_places)
        return f"{number(value, places)}{self.unit}"

    def actuals(self):
        return sorted(self.values.all(), key=lambda v: v.fiscal_year)

    def latest_actual(self):
        values = self.actuals()
        return values[-1] if values else None

    @property
    def progress(self):
        """Where the latest actual stands against baseline and target (see ``progress``)."""
        return assess(self, self.latest_actual())


class IndicatorValue(models.Model):
    """The actual figure of one indicator in one fiscal year."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("成果指標")
    )
    fiscal_year = models.PositiveSmallIntegerField(_("年度"))
    value = models.DecimalField(_("実績値"), max_digits=14, decimal_places=2)
    note = models.TextField(_("備考"), blank=True)
    is_sample = models.BooleanField(
        _("サンプルデータ"), default=False, help_text=_("開発・説明用のサンプルであり実績ではない")
    )
    is_computed = models.BooleanField(
        _("算出値"),
        default=False,
        help_text=_(
            "元のデータから自動で算出した値。市が入力した値（算出値でないもの）が優先されます。"
        ),
    )
    derivation = models.CharField(_("算出の根拠"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    history = HistoricalRecords(verbose_name=_("実績値の履歴"))

    class Meta:
        verbose_name = _("実績値")
        verbose_name_plural = _("実績値")
        ordering = ["indicator", "fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "fiscal_year"], name="indicator_value_year_unique"
            ),
            models.CheckConstraint(
                condition=Q(
                    fiscal_year__gte=BASELINE_FISCAL_YEAR, fiscal_year__lte=TARGET_FISCAL_YEAR
                ),
                name="indicator_value_year_range",
            ),
            # Every indicator of the plan counts or measures something: none can be negative.
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="indicator_value_not_negative",
                violation_error_message=_("実績値は0以上で入力してください。"),
            ),
        ]

    def __str__(self):
        value = self.indicator.format_value(self.value) if self.value is not None else ""
        return f"{self.indicator.code} {wareki_fiscal_year(self.fiscal_year)} {value}"

    def clean(self):
        if self.fiscal_year is not None and not (
            BASELINE_FISCAL_YEAR <= self.fiscal_year <= TARGET_FISCAL_YEAR
        ):
            raise ValidationError(
                {
                    "fiscal_year": _("年度は%(first)s〜%(last)s年度の範囲で指定してください。")
                    % {"first": BASELINE_FISCAL_YEAR, "last": TARGET_FISCAL_YEAR}
                }
            )
        message = self.value_problem()
        if message:
            raise ValidationError({"value": message})

    def value_problem(self) -> str | None:
        """Why the indicator cannot take this value, or None: below zero, a percentage
        over 100, or a count (件, 人, 回…) with more decimals than the indicator is shown
        with. A percentage may have decimals whatever it is shown with (41.7 %)."""
        value = Decimal(self.value) if isinstance(self.value, int) else self.value
        if not isinstance(value, Decimal) or not value.is_finite():
            return None  # not a number at all: the field's own validation says so
        if value < 0:
            return _("実績値は0以上で入力してください。")
        indicator = self._indicator_or_none()
        if indicator is None:
            return None
        if indicator.unit.strip() in PERCENT_UNITS:
            if value > 100:
                return _("割合（%）の実績値は100以下で入力してください。")
            return None
        places = indicator.decimal_places
        if value != value.quantize(Decimal(1).scaleb(-places)):
            if places == 0:
                return _("この指標の実績値は整数で入力してください。")
            return _("この指標の実績値は小数点以下%(places)s桁までで入力してください。") % {
                "places": places
            }
        return None

    def _indicator_or_none(self):
        try:
            return self.indicator
        except Indicator.DoesNotExist:
            return None
