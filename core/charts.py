"""Geometry for simple inline SVG bar charts, computed on the server.

The template draws the bars; the same numbers are always shown in a table too.
"""

from decimal import Decimal


def nice_ceiling(value) -> Decimal:
    """A round number at or above ``value`` for the top of an axis (1, 1.2, 1.5, 2 … × 10^n)."""
    value = Decimal(value)
    if value <= 0:
        return Decimal(1)
    exponent = value.adjusted()
    for step in (1, Decimal("1.2"), Decimal("1.5"), 2, Decimal("2.5"), 3, 4, 5, 6, 8, 10):
        candidate = Decimal(step).scaleb(exponent)
        if candidate >= value:
            return candidate
    return Decimal(10).scaleb(exponent)  # pragma: no cover


def bar_chart(items, *, bar_height=20, gap=14, label_height=22, label_width=None):
    """Horizontal bars for ``items`` = [(label, value or None), …]; None draws no bar.

    Each label sits on its own line above its bar, so a label of any length fits on a phone.
    Bar lengths are percentages of the drawing's width and positions down it are pixels, so
    the chart fills the width it is given and its text keeps its real size. The value is
    written just after the end of its bar, in the frame's right padding at the longest.
    ``label_width`` is accepted from callers that size a column of labels; labels above their
    bars need none.
    """
    values = [Decimal(value) for _label, value in items if value is not None]
    top = nice_ceiling(max(values)) if values else Decimal(1)
    step = label_height + bar_height + gap
    bars = []
    for index, (label, value) in enumerate(items):
        length = 0 if value is None else round(float(Decimal(value) / top) * 100, 1)
        y = index * step + label_height
        bars.append(
            {
                "label": label,
                "value": value,
                "label_y": y - 6,
                "y": y,
                "text_y": y + bar_height / 2,
                "length": length,
            }
        )
    return {
        "height": max(1, len(items)) * step - gap,
        "bar_height": bar_height,
        "bars": bars,
    }
