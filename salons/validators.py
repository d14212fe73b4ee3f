from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

IMAGE_SIGNATURES = {
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "gif": (b"GIF87a", b"GIF89a"),
    "webp": (b"RIFF",),
}
MAX_PHOTO_BYTES = 3 * 1024 * 1024


def validate_image_file(upload):
    """Photos: JPEG, PNG, GIF or WebP up to 3 MB, checked by extension *and*
    the file's first bytes (Pillow is not a dependency)."""
    name = getattr(upload, "name", "") or ""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in IMAGE_SIGNATURES:
        raise ValidationError(_("Upload a JPEG, PNG, GIF or WebP image."), code="image_type")
    if getattr(upload, "size", 0) > MAX_PHOTO_BYTES:
        raise ValidationError(_("The photo is too large (3 MB at most)."), code="image_size")
    try:
        upload.seek(0)
        head = upload.read(12)
        upload.seek(0)
    except (OSError, ValueError):
        return  # an already-stored file that is not open: it was checked on upload
    ok = any(head.startswith(sig) for sig in IMAGE_SIGNATURES[ext])
    if ext == "webp":
        ok = ok and head[8:12] == b"WEBP"
    if not ok:
        raise ValidationError(_("This file is not a valid image."), code="image_content")


def validate_https(value):
    if value and not value.lower().startswith("https://"):
        raise ValidationError(_("The meeting URL must start with https://."), code="https_only")
