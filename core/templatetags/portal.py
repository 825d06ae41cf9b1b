"""Template filters used across the portal's pages."""

from collections.abc import Mapping
from decimal import Decimal

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.translation import get_language

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
def english_name(obj):
    """On the English site, the English name staff entered for a policy, measure, project or
    indicator (a model or a report's dict), set beside the Japanese (plan content itself stays in Japanese); elsewhere
    nothing."""
    if get_language() != "en":
        return ""
    fields = obj if isinstance(obj, Mapping) else vars(obj)
    name = fields.get("title_en") or fields.get("name_en")
    if not name:
        return ""
    return format_html(' <span lang="en" class="english-name">{}</span>', name)


@register.simple_tag(takes_context=True)
def other_language_url(context, language):
    """The current page in ``language`` (「/plan/」 ⇄ 「/en/plan/」)."""
    request = context["request"]
    return translate_url(request.get_full_path(), language)
