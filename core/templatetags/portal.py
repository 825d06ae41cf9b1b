"""Template filters used across the portal's pages."""

from collections.abc import Mapping
from decimal import Decimal

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.translation import get_language

from core import fiscal
from core.fiscal import fiscal_year_label, wareki_fiscal_year

register = template.Library()


@register.filter
def wareki_fy(fiscal_year):
    """「令和6年度」."""
    if fiscal_year in (None, ""):
        return ""
    return wareki_fiscal_year(int(fiscal_year))


@register.filter
def fy_label(fiscal_year):
    """「令和6年度（2024年度）」."""
    if fiscal_year in (None, ""):
        return ""
    return fiscal_year_label(int(fiscal_year))


@register.filter
def wareki_date(value):
    """A date (or a datetime's day, in local time) as people read it: 「令和8年12月2日」,
    on the English site "2 December 2026"."""
    if value in (None, ""):
        return ""
    return fiscal.wareki_date(value)


@register.filter
def wareki_month(value):
    """A month as people read it: 「令和6年3月」, on the English site "March 2024"."""
    if value in (None, ""):
        return ""
    return fiscal.wareki_month(value)


@register.filter
def wareki_datetime(value):
    """A moment in local time: 「令和8年12月2日 10:41」, on the English site
    "2 December 2026, 10:41"."""
    if value in (None, ""):
        return ""
    return fiscal.wareki_datetime(value)


@register.filter
def number(value, decimal_places=0):
    """A figure with thousands separators and a fixed number of decimals: 7,033 / 3.77."""
    if value in (None, ""):
        return ""
    places = int(decimal_places)
    quantized = Decimal(value).quantize(Decimal(1).scaleb(-places))
    return intcomma(f"{quantized:.{places}f}", use_l10n=False)


@register.filter
def abs_value(value):
    return abs(int(value))


@register.filter
def get_item(mapping, key):
    """``mapping[key]`` in a template, or None."""
    return mapping.get(key) if mapping else None


@register.filter
def ja(value):
    """Plan content, which stays in Japanese, marked as such on the English pages so that
    screen readers read it with a Japanese voice (WCAG 2.1 SC 3.1.2); elsewhere unchanged."""
    if value in (None, "") or not (get_language() or "").startswith("en"):
        return value
    return format_html('<span lang="ja">{}</span>', value)


@register.simple_tag
def english_name(obj, field=""):
    """On the English site, the English name staff entered for a policy, measure, project or
    indicator (a model or a report's dict), set beside the Japanese (plan content itself stays in Japanese); elsewhere
    nothing. With ``field`` (「slogan」), the English of that field (``slogan_en``) instead."""
    if get_language() != "en":
        return ""
    fields = obj if isinstance(obj, Mapping) else vars(obj)
    keys = [f"{field}_en"] if field else ["title_en", "name_en"]
    name = next((fields[key] for key in keys if fields.get(key)), "")
    if not name:
        return ""
    return format_html(' <span lang="en" class="english-name">{}</span>', name)


def _units(indicator) -> tuple[str, str]:
    fields = indicator if isinstance(indicator, Mapping) else vars(indicator)
    return fields.get("unit") or "", fields.get("unit_en") or ""


@register.filter
def unit_name(indicator):
    """An indicator's unit on its own (「人」, on the English site 「people」); on the English
    site a unit without English stays in Japanese, marked as such."""
    japanese, english = _units(indicator)
    if not (get_language() or "").startswith("en"):
        return japanese
    return english or ja(japanese)


def unit_text(indicator) -> str:
    """The unit as plain text after a figure, for text that carries no markup (a chart's
    description): the English unit on the English site where there is one."""
    japanese, english = _units(indicator)
    if not english or not (get_language() or "").startswith("en"):
        return japanese
    return f"\N{NO-BREAK SPACE}{english}" if english[0].isalpha() else english


@register.filter
def unit(indicator):
    """An indicator's unit as written after a figure: 「41人」, on the English site
    「41 people」 or 「90%」."""
    japanese, english = _units(indicator)
    if not (get_language() or "").startswith("en"):
        return japanese
    if not english:
        return ja(japanese)
    return f"\N{NO-BREAK SPACE}{english}" if english[0].isalpha() else english


@register.simple_tag(takes_context=True)
def other_language_url(context, language):
    """The current page in ``language`` (「/plan/」 ⇄ 「/en/plan/」)."""
    request = context["request"]
    return translate_url(request.get_full_path(), language)
