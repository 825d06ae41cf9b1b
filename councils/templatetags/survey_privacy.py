"""The survey's publishing rule, for pages that explain it without showing the survey."""

from django import template

from councils.board import MIN_BODIES_TO_PUBLISH

register = template.Library()


@register.simple_tag
def min_bodies_to_publish() -> int:
    """``MIN_BODIES_TO_PUBLISH``: how many bodies must answer before an aggregate is shown."""
    return MIN_BODIES_TO_PUBLISH
