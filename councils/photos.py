"""Checking and preparing uploaded activity photos.

A photo is accepted only if Pillow can decode it as JPEG, PNG or WebP, within the size and
pixel limits (a renamed HTML file or a decompression bomb is refused). It is stored
re-encoded: turned upright, without EXIF (no GPS of anyone's home), at most 2000 px on its
long side, with a 400 px thumbnail.
"""

import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
# Checked from the header, before any pixel is decoded. 40 million pixels is more than most
# cameras and phones take (12–24 MP; 48 MP modes are rare) and still decodes in about a
# second; the stored photo is at most 2000 px anyway.
MAX_PIXELS = 40_000_000
LONG_SIDE = 2000
THUMBNAIL_SIDE = 400
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}


@dataclass
class PreparedPhoto:
    image: ContentFile
    thumbnail: ContentFile


def prepare_photo(upload) -> PreparedPhoto:
    if upload.size > MAX_BYTES:
        raise ValidationError(_("写真は10MBまでです。"))
    data = upload.read()
    image = _decode(data)
    image = ImageOps.exif_transpose(image)
    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    image.thumbnail((LONG_SIDE, LONG_SIDE))
    thumbnail = image.copy()
    thumbnail.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE))
    stem = (upload.name or "photo").rsplit(".", 1)[0][:40] or "photo"
    return PreparedPhoto(
        image=ContentFile(_jpeg(image), name=f"{stem}.jpg"),
        thumbnail=ContentFile(_jpeg(thumbnail), name=f"{stem}-thumb.jpg"),
    )


def _decode(data: bytes) -> Image.Image:
    message = _("写真として読み取れません。JPEG・PNG・WebP の画像を選んでください。")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data))
            if probe.format not in ALLOWED_FORMATS:
                raise ValidationError(message)
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise ValidationError(_("写真の画素数が多すぎます。"))
            probe.verify()
            image = Image.open(io.BytesIO(data))
            image.load()
            return image
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise ValidationError(_("写真の画素数が多すぎます。")) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(message) from None


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85, optimize=True)  # no exif= : nothing kept
    return buffer.getvalue()
