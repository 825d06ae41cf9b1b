"""Fiscal years in the admin, named as the public pages name them.

The admin's own tools show a year as a bare number and offer in a list filter only the
years that already have rows, so a year nobody has entered yet cannot be chosen. These
parts offer a fixed range of years, each labelled 「令和6年度（2024年度）」:

- ``FiscalYearListFilter``: the rows of one year;
- ``MissingInYearFilter``: the rows that still lack something for one year (「未入力」);
- ``FiscalYearFieldsMixin`` and ``FiscalYearField``: a year field of an admin form as a
  choice of years instead of a number box;
- ``fiscal_year_column``: a list column showing 「令和6年度」, sorted by the year.

The years themselves belong to the app whose rows they are (the plan's, the indicators'),
so each admin names them.
"""

from collections.abc import Iterable

from django import forms
from django.contrib import admin
from django.db.models import Model, QuerySet
from django.db.models.fields import Field as ModelField
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.fiscal import fiscal_year_label, wareki_fiscal_year

BLANK_CHOICE = ("", "---------")


def fiscal_year_choices(years: Iterable[int]) -> list[tuple[int, str]]:
    return [(year, fiscal_year_label(year)) for year in years]


class FiscalYearListFilter(admin.SimpleListFilter):
    """The rows of one fiscal year, chosen among every year of ``years``, whether or not
    any row has that year yet.

    A subclass sets ``years`` (or overrides ``fiscal_years()`` when they must be read at
    request time) and, if the year is not the model's own ``fiscal_year``, ``field_name``.
    """

    title = _("年度")
    parameter_name = "fiscal_year"
    field_name = "fiscal_year"
    years: Iterable[int] = ()

    def fiscal_years(self) -> list[int]:
        return list(self.years)

    def lookups(self, request, model_admin):
        return [(str(year), label) for year, label in fiscal_year_choices(self.fiscal_years())]

    def chosen_year(self) -> int | None:
        """The year chosen, or None when none is (or the address names no offered year)."""
        value = self.value()
        return next((year for year in self.fiscal_years() if str(year) == value), None)

    def queryset(self, request, queryset):
        year = self.chosen_year()
        if year is None:
            return queryset
        return self.rows_of(queryset, year)

    def rows_of(self, queryset: QuerySet, year: int) -> QuerySet:
        return queryset.filter(**{self.field_name: year})


class MissingInYearFilter(FiscalYearListFilter):
    """The rows that have nothing yet for the chosen year: a project without its status,
    an indicator without its actual.

    ``missing_lookup`` names the related rows' year (``"statuses__fiscal_year"``); a
    subclass whose rule is more than "no related row of that year" overrides ``rows_of``.
    """

    missing_lookup = ""

    def rows_of(self, queryset: QuerySet, year: int) -> QuerySet:
        return queryset.exclude(**{self.missing_lookup: year})


class FiscalYearField(forms.TypedChoiceField):
    """A fiscal year chosen from ``years``, each labelled 「令和6年度（2024年度）」.

    A row stored with a year outside ``years`` (entered before the range was set, or
    imported) keeps that year among the choices of its own form, so opening and saving it
    changes nothing; any other year outside ``years`` is refused.
    """

    def __init__(self, *, years: Iterable[int], **kwargs):
        kwargs.setdefault("coerce", int)
        kwargs.setdefault("empty_value", None)
        super().__init__(choices=[BLANK_CHOICE, *fiscal_year_choices(years)], **kwargs)

    def get_bound_field(self, form, field_name):
        # Each form holds its own copy of the field, so the stored year is offered there only.
        self._offer(form.get_initial_for_field(self, field_name))
        return super().get_bound_field(form, field_name)

    def _offer(self, stored) -> None:
        try:
            year = int(stored)
        except (TypeError, ValueError):
            return
        years = [value for value, _label in self.choices if value != ""]
        if year not in years:
            self.choices = [BLANK_CHOICE, *fiscal_year_choices(sorted([*years, year]))]


def fiscal_year_formfield(db_field: ModelField, years: Iterable[int], **kwargs) -> FiscalYearField:
    """The form field for a model's year field: required unless the model allows it blank.

    The model's own validators and ``clean()`` still run when the admin's form validates
    the instance, so a year the database refuses is refused with the model's message.
    """
    options = {
        "years": years,
        "required": not db_field.blank,
        "label": capfirst(db_field.verbose_name),
        "help_text": db_field.help_text,
    }
    if db_field.has_default():
        options["initial"] = db_field.get_default()
    options.update(kwargs)
    return FiscalYearField(**options)


class FiscalYearFieldsMixin:
    """A ModelAdmin or inline whose year fields are chosen from a list of years.

    ``fiscal_year_fields`` maps a model field's name to the years offered for it.
    """

    fiscal_year_fields: dict[str, Iterable[int]] = {}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        years = self.fiscal_year_fields.get(db_field.name)
        if years is None:
            return super().formfield_for_dbfield(db_field, request, **kwargs)
        return fiscal_year_formfield(db_field, years)


def fiscal_year_column(field_name: str = "fiscal_year", description=None):
    """A list column showing the year field ``field_name`` as 「令和6年度」, sorted by it.

    Assign it in the ModelAdmin's body and name the attribute in ``list_display``.
    """

    @admin.display(description=description or _("年度"), ordering=field_name)
    def column(model_admin, obj: Model):
        year = getattr(obj, field_name)
        return None if year is None else wareki_fiscal_year(year)

    return column
