"""Widgets that read and write the cells of the portal's import/export files."""

import datetime
import re
from decimal import Decimal

from django.utils.translation import gettext as _
from import_export.widgets import Widget

from core.parsing import normalize, parse_decimal, parse_fiscal_year, parse_yes_no


class FiscalYearWidget(Widget):
    """年度 as ``2024``, ``R6``, ``令和6年度``…, between ``first`` and ``last``;
    written back as the Western year."""

    def __init__(self, *, first: int, last: int, required: bool = True, **kwargs):
        self.first = first
        self.last = last
        self.required = required
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if not self.required and (value is None or normalize(value) == ""):
            return None
        year = parse_fiscal_year(value)
        if not self.first <= year <= self.last:
            raise ValueError(
                _("年度「%(text)s」は対象の期間（%(first)s〜%(last)s年度）の外です。")
                % {"text": value, "first": self.first, "last": self.last}
            )
        return year

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class DecimalWidget(Widget):
    """A number with thousands separators or full-width digits; written back plainly."""

    def __init__(self, *, required=True, **kwargs):
        self.required = required
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if not self.required and (value is None or normalize(value) == ""):
            return None
        return parse_decimal(value)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return format(Decimal(value).normalize(), "f")


class YesNoWidget(Widget):
    def clean(self, value, row=None, **kwargs):
        return parse_yes_no(value)

    def render(self, value, obj=None, **kwargs):
        return _("はい") if value else _("いいえ")


# Control characters other than tab and line breaks: invisible, and NUL is refused by
# PostgreSQL and breaks feeds.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class TextWidget(Widget):
    """Free text; an empty cell is an empty string, never "None"; control characters dropped."""

    def clean(self, value, row=None, **kwargs):
        return "" if value is None else _CONTROL.sub("", str(value)).strip()

    def render(self, value, obj=None, **kwargs):
        return value or ""


class ChoiceWidget(Widget):
    """A choice written as its value (``A``) or its label (``A 計画どおり`` / ``計画どおり``)."""

    def __init__(self, choices, *, column, **kwargs):
        self.choices = choices
        self.column = column
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = normalize(value if value is not None else "")
        for choice_value, label in self.choices.choices:
            label = str(label)
            if text in {choice_value, label, label.split(" ", 1)[-1]}:
                return choice_value
        allowed = "・".join(v for v, _label in self.choices.choices)
        raise ValueError(
            _("%(column)s「%(text)s」は使えません。%(allowed)sのいずれかを入力してください。")
            % {"column": self.column, "text": value or "", "allowed": allowed}
        )

    def render(self, value, obj=None, **kwargs):
        return value or ""


class LookupWidget(Widget):
    """A related object found by a key column (a code or a number), looked up once per file."""

    def __init__(self, model, field, *, column, normalizer=normalize, required=True, **kwargs):
        self.model = model
        self.field = field
        self.column = column
        self.normalizer = normalizer
        self.required = required
        self._objects = None
        super().__init__(**kwargs)

    def reset(self):
        self._objects = None

    def objects(self):
        if self._objects is None:
            self._objects = {
                str(getattr(obj, self.field)): obj for obj in self.model._default_manager.all()
            }
        return self._objects

    def clean(self, value, row=None, **kwargs):
        key = self.normalizer(value if value is not None else "")
        if not key and not self.required:
            return None
        if not key:
            raise ValueError(_("%(column)sが空欄です。") % {"column": self.column})
        try:
            return self.objects()[key]
        except KeyError:
            raise ValueError(
                _("%(column)s「%(value)s」は登録されていません。")
                % {"column": self.column, "value": value}
            ) from None

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(getattr(value, self.field))


class OptionalIntegerWidget(Widget):
    """A whole number, or nothing for an empty cell (e.g. 閉館年度, 利用件数)."""

    def __init__(self, *, column, **kwargs):
        self.column = column
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if value is None or normalize(value) == "":
            return None
        number = parse_decimal(value)
        if number != number.to_integral_value() or number < 0:
            raise ValueError(
                _("%(column)s「%(value)s」は0以上の整数で入力してください。")
                % {"column": self.column, "value": value}
            )
        return int(number)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class IntegerWidget(OptionalIntegerWidget):
    def clean(self, value, row=None, **kwargs):
        number = super().clean(value, row, **kwargs)
        if number is None:
            raise ValueError(_("%(column)sが空欄です。") % {"column": self.column})
        return number


class DateWidget(Widget):
    """A date as 2024-01-01, 2024/1/1 or 2024年1月1日 (or an Excel date)."""

    def __init__(self, *, column, **kwargs):
        self.column = column
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = normalize(value if value is not None else "")
        match = re.match(r"^(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?$", text)
        if match:
            try:
                return datetime.date(*(int(part) for part in match.groups()))
            except ValueError:
                pass
        raise ValueError(
            _(
                "%(column)s「%(value)s」は日付として読み取れません。2024-01-01 のように入力してください。"
            )
            % {"column": self.column, "value": value if value is not None else ""}
        )

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value.isoformat()
