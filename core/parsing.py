"""Reading the cells of files made in Japanese offices: years, numbers, yes/no.

Each parser takes what Excel or a person typed and returns a clean value, or raises
``ValueError`` with a Japanese message that names what was wrong.
"""

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

ERA_FIRST_YEARS = {"令和": 2019, "R": 2019, "平成": 1989, "H": 1989}

_WAREKI = re.compile(r"^(令和|平成|R|H)\s*(元|\d{1,2})(?:年度?)?$", re.IGNORECASE)
_WESTERN = re.compile(r"^(\d{4})(?:年度?)?$")
# Our own export label: 「令和6年度（2024年度）」.
_LABEL = re.compile(r"^(.+?)[(（](\d{4})年度?[)）]$")
_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


def normalize(text) -> str:
    """Full-width digits and letters to ASCII (NFKC), surrounding spaces dropped."""
    return unicodedata.normalize("NFKC", str(text)).strip()


def parse_fiscal_year(raw) -> int:
    """``2024``, ``R6``, ``令和6``, ``令和6年度``, ``令和元年度``, ``２０２４年度`` → 2024."""
    if isinstance(raw, int | float) and not isinstance(raw, bool) and float(raw).is_integer():
        return int(raw)
    text = normalize(raw or "")
    if not text:
        raise ValueError(_("年度が空欄です。"))
    label = _LABEL.match(text)
    if label:
        wareki, western = parse_fiscal_year(label.group(1)), int(label.group(2))
        if wareki != western:
            raise ValueError(_("年度「%(text)s」の和暦と西暦が一致しません。") % {"text": raw})
        return western
    western = _WESTERN.match(text)
    if western:
        return int(western.group(1))
    wareki = _WAREKI.match(text)
    if wareki:
        era = wareki.group(1).upper() if wareki.group(1).isascii() else wareki.group(1)
        number = 1 if wareki.group(2) == "元" else int(wareki.group(2))
        if number < 1:
            raise ValueError(_("年度「%(text)s」は読み取れません。") % {"text": raw})
        return ERA_FIRST_YEARS[era] + number - 1
    raise ValueError(
        _("年度「%(text)s」は読み取れません。「2024」「令和6年度」「R6」のように入力してください。")
        % {"text": raw}
    )


def parse_decimal(raw) -> Decimal:
    """``7,033`` / ``７０３３`` / ``3.77`` / ``1,234.5`` → Decimal; anything else is refused."""
    if isinstance(raw, int | float | Decimal) and not isinstance(raw, bool):
        return Decimal(str(raw))
    text = normalize(raw or "").replace(" ", "")
    if not text:
        raise ValueError(_("数値が空欄です。"))
    if not _NUMBER.match(text):
        raise ValueError(_("「%(text)s」は数値として読み取れません。") % {"text": raw})
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern already rules this out
        raise ValueError(_("「%(text)s」は数値として読み取れません。") % {"text": raw}) from None


_TRUE = {"はい", "公開", "1", "true", "yes", "○", "〇", "済"}
_FALSE = {"いいえ", "非公開", "0", "false", "no", "", "×", "未"}


def parse_yes_no(raw) -> bool:
    if isinstance(raw, bool):
        return raw
    text = normalize(raw if raw is not None else "").lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(_("「%(text)s」は「はい」か「いいえ」で入力してください。") % {"text": raw})
