"""The public change history of an indicator: its definition and its actuals."""

from decimal import Decimal
from itertools import pairwise

from django.utils.translation import gettext as _

from core.fiscal import wareki_fiscal_year
from core.templatetags.portal import number
from indicators.models import Indicator


def _field_label(model, name):
    return str(model._meta.get_field(name).verbose_name)


def _shown(value, decimal_places):
    if value in (None, ""):
        return "—"
    if isinstance(value, Decimal):
        return number(value, decimal_places)
    return str(value)


def definition_changes(indicator: Indicator) -> list[dict]:
    """Changes of the definition made with a reason, newest first."""
    records = list(indicator.history.order_by("history_date", "history_id"))
    changes = []
    for previous, record in pairwise(records):
        if not record.history_change_reason:
            continue
        delta = record.diff_against(previous, included_fields=Indicator.DEFINITION_FIELDS)
        if not delta.changes:
            continue
        changes.append(
            {
                "date": record.history_date,
                "reason": record.history_change_reason,
                "fields": [
                    {
                        "label": _field_label(Indicator, change.field),
                        "old": _shown(change.old, indicator.decimal_places),
                        "new": _shown(change.new, indicator.decimal_places),
                    }
                    for change in delta.changes
                ],
            }
        )
    return changes[::-1]


def value_changes(indicator: Indicator) -> list[dict]:
    """Every recorded change of an actual, newest first: added, corrected or removed."""
    records = indicator.values.model.history.filter(indicator_id=indicator.pk).order_by(
        "history_date", "history_id"
    )
    last_value = {}
    changes = []
    for record in records:
        old = last_value.get(record.id)
        if record.history_type == "~" and old == record.value:
            continue
        words = {
            "year": wareki_fiscal_year(record.fiscal_year),
            "old": number(old, indicator.decimal_places),
            "new": number(record.value, indicator.decimal_places),
        }
        if record.history_type == "+":
            summary = _("%(year)sの実績を登録（%(new)s）") % words
        elif record.history_type == "~":
            summary = _("%(year)sの実績を修正（%(old)s → %(new)s）") % words
        else:
            summary = _("%(year)sの実績を削除") % words
        changes.append(
            {
                "date": record.history_date,
                "summary": summary,
                "reason": record.history_change_reason or "",
            }
        )
        last_value[record.id] = record.value
    return changes[::-1]
