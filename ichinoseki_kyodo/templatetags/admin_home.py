"""The admin home's panel of what is still to be recorded, published or frozen."""

from django import template

from core.fiscal import current_fiscal_year
from ichinoseki_kyodo.admin_home import admin_shortcuts, missing_work, submission_mail_gap

register = template.Library()


@register.simple_tag(takes_context=True)
def admin_home_panel(context) -> dict:
    """This fiscal year's and last year's work for the user viewing the page, newest first,
    the shortcuts to the portal's staff pages, and whether submissions would reach nobody."""
    user = context["request"].user
    this_year = current_fiscal_year()
    return {
        "this_year": this_year,
        "years": missing_work(user, [this_year, this_year - 1]),
        "shortcuts": admin_shortcuts(user),
        "mail_gap": submission_mail_gap(user),
    }
