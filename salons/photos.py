"""Storing a salon photo upload before the change that refers to it is reviewed."""

from .models import (
    Salon,
)


def with_saved_photo(data, salon):
    """A newly uploaded photo is stored now so a pending change can refer to it."""
    from django.core.files.uploadedfile import UploadedFile

    photo = data.get("photo")
    # An upload is an UploadedFile (it has no ``_committed``); a photo already
    # stored is a FieldFile. Only the former needs saving.
    if isinstance(photo, UploadedFile):
        from .models import salon_photo_path

        field = Salon._meta.get_field("photo")
        name = field.storage.save(salon_photo_path(salon, photo.name), photo)
        data = {**data, "photo": field.attr_class(salon, field, name)}
    return data
