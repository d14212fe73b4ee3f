"""Roles the salon views share."""

from carers.models import Role

MANAGERS = (Role.ORGANISER, Role.MUNICIPAL_STAFF, Role.PREFECTURE_STAFF)
STAFF = (Role.MUNICIPAL_STAFF, Role.PREFECTURE_STAFF)
