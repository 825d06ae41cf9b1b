"""Labels of model choices, looked up once rather than once per choice."""


def choice_label(choices, value):
    """What ``get_FOO_display()`` returns for ``value`` of the TextChoices ``choices``, in the
    active language. Django's own translates every choice's label on each call to build a
    lookup table, which pages showing a label per table cell (the 体系図's 90 phases) feel."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value
