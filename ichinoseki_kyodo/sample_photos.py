"""Pictures for the sample activities, drawn with Pillow when the sample data is loaded.

A landscape of sky, hills and fields in the colours of a season, with a small hall and the
word 「サンプル」 on a white plate, so that nobody takes it for a photo of a real event: no
file is fetched, no person is shown. The word is drawn from strokes rather than a font, so
it looks the same on every machine whatever fonts are installed.

Each picture comes out as a camera would send it: a JPEG carrying EXIF (camera and date),
or a PNG, larger than the portal keeps, so that loading it exercises the same checks,
resizing and stripping as a body's upload (``councils.photos.prepare_photo``).
"""

import io
from dataclasses import dataclass

from PIL import Image, ImageDraw

# Scenes, each (sky at the top, sky at the horizon, hills, fields, sun or moon).
SEASONS = {
    "spring": ((126, 186, 235), (222, 238, 250), (104, 150, 96), (176, 206, 120), (255, 236, 150)),
    "summer": ((40, 120, 210), (170, 215, 245), (46, 110, 60), (90, 170, 70), (255, 250, 210)),
    "autumn": ((230, 150, 90), (250, 220, 170), (150, 80, 40), (200, 160, 70), (255, 210, 120)),
    "winter": ((150, 170, 200), (230, 236, 244), (210, 216, 226), (244, 246, 250), (250, 250, 235)),
}

# 「サンプル」 as strokes on a unit square per character: polylines, and one circle (the ゜).
GLYPHS = [
    # サ
    [[(0.05, 0.34), (0.95, 0.34)], [(0.32, 0.08), (0.32, 0.62)],
     [(0.68, 0.08), (0.68, 0.58), (0.6, 0.78), (0.35, 0.95)]],
    # ン
    [[(0.15, 0.2), (0.38, 0.36)], [(0.12, 0.88), (0.5, 0.72), (0.75, 0.52), (0.9, 0.3)]],
    # プ
    [[(0.1, 0.26), (0.78, 0.26), (0.7, 0.55), (0.55, 0.78), (0.3, 0.95)], ("circle", 0.88, 0.12)],
    # ル
    [[(0.35, 0.15), (0.35, 0.55), (0.28, 0.78), (0.1, 0.95)],
     [(0.62, 0.1), (0.62, 0.92), (0.92, 0.62)]],
]  # fmt: skip


@dataclass(frozen=True)
class SamplePhoto:
    season: str
    name: str
    content: bytes
    content_type: str


def draw_sample_photo(
    *, season: str, name: str, size=(2400, 1600), kind: str = "JPEG"
) -> SamplePhoto:
    """A drawn landscape of ``season`` marked 「サンプル」, encoded as ``kind`` (JPEG or PNG)."""
    width, height = size
    sky_top, sky_low, hills, fields, sun = SEASONS[season]
    horizon = int(height * 0.62)
    # The sky, lighter towards the horizon: two colours blended through a gradient.
    gradient = Image.linear_gradient("L").resize((width, horizon))
    sky = Image.composite(
        Image.new("RGB", (width, horizon), sky_low),
        Image.new("RGB", (width, horizon), sky_top),
        gradient,
    )
    image = Image.new("RGB", size, fields)
    image.paste(sky)
    draw = ImageDraw.Draw(image)
    r = height // 10
    draw.ellipse([width * 0.78 - r, height * 0.16 - r, width * 0.78 + r, height * 0.16 + r], sun)
    draw.polygon(
        [(0, horizon), (width * 0.18, height * 0.36), (width * 0.4, horizon * 0.9),
         (width * 0.62, height * 0.3), (width * 0.88, horizon * 0.85), (width, height * 0.45),
         (width, horizon)],
        fill=hills,
    )  # fmt: skip
    for row in range(1, 7):  # furrows, closer together towards the horizon
        y = horizon + (height - horizon) * (row / 7) ** 1.6
        draw.line([(0, y), (width, y)], fill=_shade(fields, 0.85), width=max(2, height // 300))
    _hall(draw, width * 0.7, horizon + (height - horizon) * 0.15, height * 0.16)
    _word(draw, width, height)
    buffer = io.BytesIO()
    if kind == "PNG":
        image.save(buffer, format="PNG", compress_level=1)
        return SamplePhoto(season, f"{name}.png", buffer.getvalue(), "image/png")
    exif = Image.Exif()
    exif[0x010F] = "Sample Camera"  # Make
    exif[0x0110] = "SAMPLE-1"  # Model
    exif[0x0132] = "2025:08:16 10:00:00"  # DateTime
    image.save(buffer, format="JPEG", quality=85, exif=exif)
    return SamplePhoto(season, f"{name}.jpg", buffer.getvalue(), "image/jpeg")


def _shade(colour, factor):
    return tuple(round(c * factor) for c in colour)


def _hall(draw, left, bottom, size):
    """A small hall with a red roof: the kind of building a 市民センター might be."""
    wall = [left, bottom - size * 0.6, left + size * 1.4, bottom]
    draw.rectangle(wall, fill=(245, 240, 228), outline=(90, 80, 70), width=3)
    draw.polygon(
        [(left - size * 0.15, wall[1]), (left + size * 0.7, bottom - size),
         (left + size * 1.55, wall[1])],
        fill=(170, 50, 40),
    )  # fmt: skip
    draw.rectangle(
        [left + size * 0.55, bottom - size * 0.35, left + size * 0.85, bottom], fill=(90, 70, 50)
    )


def _word(draw, width, height):
    """「サンプル」 in dark strokes on a white plate in the lower middle."""
    glyph = height * 0.16
    gap = glyph * 0.25
    plate_w = 4 * glyph + 3 * gap + glyph
    left, top = (width - plate_w) / 2, height * 0.7
    draw.rounded_rectangle(
        [left, top, left + plate_w, top + glyph * 1.5],
        radius=glyph * 0.2,
        fill=(255, 255, 255),
        outline=(51, 51, 51),
        width=max(3, int(glyph / 30)),
    )
    stroke = max(4, int(glyph / 9))
    for index, strokes in enumerate(GLYPHS):
        x0, y0 = left + glyph * 0.5 + index * (glyph + gap), top + glyph * 0.25

        def point(p, x0=x0, y0=y0):
            return (x0 + p[0] * glyph, y0 + p[1] * glyph)

        for shape in strokes:
            if shape[0] == "circle":
                cx, cy = point(shape[1:])
                r = glyph * 0.08
                draw.ellipse(
                    [cx - r, cy - r, cx + r, cy + r], outline=(51, 51, 51), width=stroke // 2
                )
            else:
                draw.line([point(p) for p in shape], fill=(51, 51, 51), width=stroke, joint="curve")
