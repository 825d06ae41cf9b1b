"""Geometry for simple inline SVG bar charts, computed on the server.

The template draws the bars; the same numbers are always shown in a table too.
"""

import unicodedata
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


def text_width(text, *, font_px=14) -> float:
    """Roughly how wide ``text`` is drawn: a full em for Japanese, 0.6 em for the rest."""
    return sum(font_px if unicodedata.east_asian_width(c) in "WF" else font_px * 0.6 for c in text)


def share_rows(items, *, total=None):
    """Rows of a small bar chart: ``items`` = [(key, label, count), …].

    Each bar's length is its count's share of ``total`` (by default the sum of the counts),
    in percent, so rows read as parts of one whole; ``key`` names the bar's colour class.
    """
    total = sum(count for _key, _label, count in items) if total is None else total
    return [
        {
            "key": key,
            "label": label,
            "count": count,
            "percent": round(count / total * 100, 1) if total else 0,
        }
        for key, label, count in items
    ]


def stacked_bar(items, *, narrowest=288, font_px=14):
    """One bar cut into segments, one per item with a count: ``items`` = [(key, short, count), …].

    Positions are percentages of the bar's width, so the bar fills the width it is given;
    they are cumulated before rounding, so the segments meet and end at 100. A segment is
    labelled with ``short`` and its count (e.g. "A 5"), or its count alone, when that fits inside
    it on a bar ``narrowest`` pixels wide (a 320 px phone); the legend beside the bar names
    every segment in words.
    """
    total = sum(count for _key, _short, count in items)
    segments = []
    before = 0
    for key, short, count in items:
        if not count:
            continue
        x = round(before / total * 100, 2)
        before += count
        width = round(before / total * 100, 2) - x
        room = narrowest * width / 100 - 8
        label = next(
            (
                text
                for text in (f"{short} {count}", str(count))
                if text_width(text, font_px=font_px) <= room
            ),
            "",
        )
        segments.append(
            {
                "key": key,
                "count": count,
                "x": x,
                "width": round(width, 2),
                "middle": round(x + width / 2, 2),
                "label": label,
            }
        )
    return {"total": total, "segments": segments}
