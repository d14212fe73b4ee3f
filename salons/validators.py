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
# A small file can declare a huge picture (a 30000 x 30000 PNG compresses to
# a few hundred kB) that would exhaust the memory of whoever decodes it.
MAX_PHOTO_SIDE = 10000
MAX_PHOTO_PIXELS = 40_000_000


def _jpeg_size(data: bytes):
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            i += 1
            continue
        marker = data[i + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7 or marker == 0xFF:
            i += 1 if marker == 0xFF else 2
            continue
        length = int.from_bytes(data[i + 2 : i + 4], "big")
        if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
            height = int.from_bytes(data[i + 5 : i + 7], "big")
            width = int.from_bytes(data[i + 7 : i + 9], "big")
            return width, height
        i += 2 + length
    return None


def image_dimensions(data: bytes, ext: str):
    """(width, height) read from the image's header, or None if not found."""
    if ext == "png" and data[12:16] == b"IHDR":
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if ext == "gif" and len(data) >= 10:
        return int.from_bytes(data[6:8], "little"), int.from_bytes(data[8:10], "little")
    if ext in ("jpg", "jpeg"):
        return _jpeg_size(data)
    if ext == "webp":
        chunk = data[12:16]
        if chunk == b"VP8X":
            return 1 + int.from_bytes(data[24:27], "little"), 1 + int.from_bytes(
                data[27:30], "little"
            )
        if chunk == b"VP8L":
            bits = int.from_bytes(data[21:25], "little")
            return 1 + (bits & 0x3FFF), 1 + ((bits >> 14) & 0x3FFF)
        if chunk == b"VP8 ":
            return (
                int.from_bytes(data[26:28], "little") & 0x3FFF,
                int.from_bytes(data[28:30], "little") & 0x3FFF,
            )
    return None


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
        data = upload.read(MAX_PHOTO_BYTES + 1)
        upload.seek(0)
        head = data[:12]
    except (OSError, ValueError):
        return  # an already-stored file that is not open: it was checked on upload
    ok = any(head.startswith(sig) for sig in IMAGE_SIGNATURES[ext])
    if ext == "webp":
        ok = ok and head[8:12] == b"WEBP"
    if not ok:
        raise ValidationError(_("This file is not a valid image."), code="image_content")
    size = image_dimensions(data, ext)
    if size is None:
        raise ValidationError(_("This file is not a valid image."), code="image_content")
    width, height = size
    if max(width, height) > MAX_PHOTO_SIDE or width * height > MAX_PHOTO_PIXELS:
        raise ValidationError(
            _(
                "The picture is too large (%(width)s × %(height)s pixels); "
                "at most %(side)s pixels a side and 40 megapixels."
            )
            % {"width": width, "height": height, "side": MAX_PHOTO_SIDE},
            code="image_pixels",
        )


def validate_https(value):
    if value and not value.lower().startswith("https://"):
        raise ValidationError(_("The meeting URL must start with https://."), code="https_only")
