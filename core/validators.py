"""Checks on uploaded files: size, kind, and that the content is what it claims to be."""

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

MEGABYTE = 1024 * 1024


@deconstructible
class MaxFileSize:
    def __init__(self, megabytes: int):
        self.megabytes = megabytes

    def __call__(self, upload):
        if upload.size > self.megabytes * MEGABYTE:
            raise ValidationError(
                _("ファイルが大きすぎます（上限 %(limit)s MB）。"), params={"limit": self.megabytes}
            )

    def __eq__(self, other):
        return isinstance(other, MaxFileSize) and other.megabytes == self.megabytes


def pdf_content(upload):
    """A PDF starts with ``%PDF-``; a renamed file of another kind does not."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(5)
    upload.seek(position)
    if head != b"%PDF-":
        raise ValidationError(_("PDFファイルではありません。"))


PDF_VALIDATORS = [FileExtensionValidator(["pdf"]), MaxFileSize(20), pdf_content]
IMAGE_VALIDATORS = [FileExtensionValidator(["jpg", "jpeg", "png", "webp"]), MaxFileSize(10)]
