"""Posting admin change forms back as a browser would, and reading what they offer."""

import re


def admin_form_data(page) -> dict[str, str]:
    """The values a browser would post back from an admin change form, inlines included."""
    form = page.context["adminform"].form
    data = {
        name: "" if value is None else value
        for name, value in ((f.html_name, f.value()) for f in form)
    }
    for formset in page.context["inline_admin_formsets"]:
        formset = formset.formset
        for name in formset.management_form.fields:
            data[f"{formset.prefix}-{name}"] = formset.management_form[name].value()
        for inline_form in formset.forms:
            for bound in inline_form:
                value = bound.value()
                if value is None or value is False:
                    continue
                data[bound.html_name] = value
    return {k: "on" if v is True else str(v) for k, v in data.items()}


def year_options(html, name="fiscal_year"):
    """The (value, label) pairs of the fiscal-year <select> named ``name`` on a page."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no <select> named {name}"
    return re.findall(r'<option value="(\d*)"[^>]*>([^<]*)</option>', select.group(1))
