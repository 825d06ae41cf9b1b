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


def bar_chart(items, *, width=640, bar_height=28, gap=12, label_width=160, value_width=96):
    """Horizontal bars for ``items`` = [(label, value or None), …]; None draws no bar."""
    values = [Decimal(value) for _label, value in items if value is not None]
    top = nice_ceiling(max(values)) if values else Decimal(1)
    plot = width - label_width - value_width
    bars = []
    for index, (label, value) in enumerate(items):
        length = 0 if value is None else round(float(Decimal(value) / top) * plot, 1)
        y = index * (bar_height + gap)
        bars.append(
            {
                "label": label,
                "value": value,
                "x": label_width,
                "y": y,
                "text_y": y + bar_height / 2,
                "length": length,
                "value_x": label_width + length + 8,
            }
        )
    return {
        "width": width,
        "height": max(1, len(items)) * (bar_height + gap),
        "bar_height": bar_height,
        "label_x": label_width - 8,
        "bars": bars,
    }
