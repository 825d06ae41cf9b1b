"""``{% region_entry %}``: the home page's way in by region (「お住まいの地域から探す」)."""

from django import template

from councils.models import Region

register = template.Library()


@register.inclusion_tag("centers/_region_entry.html")
def region_entry():
    """The 8 regions as links to their pages, in one query."""
    return {"regions": Region.objects.only("name", "slug")}
