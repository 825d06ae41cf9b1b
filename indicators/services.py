"""Writes that touch indicators: loading them from the plan fixture, and every write of an actual.

An actual (``IndicatorValue``) is written only through ``actual_set()`` and removed only
through ``actual_delete()``, whoever does it: the admin (the list and the inline on the
indicator page), the import, the sample loader and ``refresh_derived_indicators()``. Each
says where the figure comes from (``ActualSource``), and the rules of provenance live here:

- a figure staff enter or import is theirs (``is_computed=False``) and replaces whatever
  was stored, computed or not;
- a computed figure never replaces or removes one of staff's: the official figure wins;
- when staff remove their figure of a derived indicator, the year is recomputed at once,
  so the computed value comes back if the data behind it is complete.

Whatever feeds a derived indicator (centre usage, population, centres, bodies, accepted
reports) calls ``refresh_derived_indicators()`` itself, right after its write.
"""

import enum
from decimal import Decimal

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from indicators.derived import CALCULATIONS, DERIVED_CODES, Derivation
from indicators.models import BASELINE_FISCAL_YEAR, TARGET_FISCAL_YEAR, Indicator, IndicatorValue
from indicators.years import has_ended


class ActualSource(enum.Enum):
    """Who or what a write of an actual comes from."""

    STAFF = "staff"  # the admin, the sample loader
    IMPORT = "import"  # a file, in the admin or with ``manage.py import``
    COMPUTED = "computed"  # refresh_derived_indicators()


@transaction.atomic
def actual_set(
    *,
    indicator: Indicator,
    fiscal_year: int,
    value: Decimal,
    source: ActualSource,
    user=None,
    note: str | None = None,
    is_sample: bool = False,
    derivation: str = "",
) -> IndicatorValue:
    """Store the actual of ``indicator`` in ``fiscal_year`` and return the row as it stands.

    ``note=None`` keeps the stored note. A computed value (with its ``derivation``) never
    replaces staff's figure: their row is returned unchanged.
    """
    computed = source is ActualSource.COMPUTED
    actual = (
        IndicatorValue.objects.select_for_update()
        .filter(indicator=indicator, fiscal_year=fiscal_year)
        .order_by("pk")  # no join: FOR UPDATE locks this table's row only
        .first()
    )
    if actual is not None and computed and not actual.is_computed:
        return actual
    if actual is None:
        actual = IndicatorValue(indicator=indicator, fiscal_year=fiscal_year)
    wanted = {
        "value": Decimal(value),
        "note": actual.note if note is None else note,
        "is_sample": is_sample,
        "is_computed": computed,
        "derivation": derivation if computed else "",
    }
    if actual.pk is not None and all(getattr(actual, k) == v for k, v in wanted.items()):
        return actual
    for name, new in wanted.items():
        setattr(actual, name, new)
    actual.clean()
    if user is not None:
        actual._history_user = user
    if source is ActualSource.IMPORT:
        actual._change_reason = _("ファイルから取込")
    elif computed:
        actual._change_reason = _("元のデータから算出")
    actual.save()
    return actual


@transaction.atomic
def actual_delete(
    *,
    indicator: Indicator,
    fiscal_year: int,
    source: ActualSource,
    user=None,
    refresh: bool = True,
) -> None:
    """Remove the actual of ``indicator`` in ``fiscal_year``, if there is one.

    A computed removal leaves staff's figure alone. After staff remove a derived
    indicator's figure the year is recomputed, unless ``refresh=False`` (for a caller that
    refreshes once after many removals).
    """
    actual = (
        IndicatorValue.objects.select_for_update()
        .filter(indicator=indicator, fiscal_year=fiscal_year)
        .order_by("pk")  # no join: FOR UPDATE locks this table's row only
        .first()
    )
    computed = source is ActualSource.COMPUTED
    if actual is not None and not (computed and not actual.is_computed):
        if user is not None:
            actual._history_user = user
        if computed:
            actual._change_reason = _("算出の元になるデータが揃わなくなったため削除")
        actual.delete()
    if refresh and not computed and indicator.code in DERIVED_CODES:
        refresh_derived_indicators(fiscal_years=[fiscal_year], codes=[indicator.code])


@transaction.atomic
def refresh_derived_indicators(*, fiscal_years=None, codes=DERIVED_CODES) -> None:
    """Recompute the derived indicators (``indicators.derived``) for ``fiscal_years`` (by
    default every plan year) and store or withdraw their computed actuals.

    Reads what is stored in one query and writes only what changed. A year that has not
    ended gets no computed actual (its figure could still change), and one stored earlier
    is withdrawn.
    """
    years = list(fiscal_years or range(BASELINE_FISCAL_YEAR, TARGET_FISCAL_YEAR + 1))
    years = [year for year in years if BASELINE_FISCAL_YEAR <= year <= TARGET_FISCAL_YEAR]
    if not years:
        return
    indicators = list(Indicator.objects.filter(code__in=codes))
    stored = {
        (actual.indicator_id, actual.fiscal_year): actual
        for actual in IndicatorValue.objects.filter(indicator__in=indicators, fiscal_year__in=years)
    }
    # The stored explanation is public data: always in Japanese, whoever triggered it.
    with translation.override("ja"):
        for indicator in indicators:
            for derivation in CALCULATIONS[indicator.code](years).values():
                actual = stored.get((indicator.pk, derivation.fiscal_year))
                if actual is not None and not actual.is_computed:
                    continue  # staff's figure: actual_set() would keep it anyway
                if derivation.value is None or not has_ended(derivation.fiscal_year):
                    if actual is not None:
                        actual_delete(
                            indicator=indicator,
                            fiscal_year=derivation.fiscal_year,
                            source=ActualSource.COMPUTED,
                        )
                elif actual is None or _differs(actual, derivation):
                    actual_set(
                        indicator=indicator,
                        fiscal_year=derivation.fiscal_year,
                        value=derivation.value,
                        source=ActualSource.COMPUTED,
                        is_sample=derivation.is_sample,
                        derivation=derivation.explanation,
                    )


def _differs(actual: IndicatorValue, derivation: Derivation) -> bool:
    return (
        actual.value != derivation.value
        or actual.derivation != derivation.explanation
        or actual.is_sample != derivation.is_sample
    )
