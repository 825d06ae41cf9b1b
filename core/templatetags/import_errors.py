"""The admin import page's list of problems, in the same words as the ``import`` command."""

from django import template

from core.resources import error_lines

register = template.Library()


@register.filter
def import_error_lines(result) -> list[str]:
    """Every problem of an import result as a Japanese line naming its row and column."""
    return error_lines(result) if result else []
