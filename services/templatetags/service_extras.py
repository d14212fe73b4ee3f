"""Template filters of the service catalogue."""

from django import template

from ..phones import tel_digits as _tel_digits

register = template.Library()


@register.filter
def tel_digits(value):
    """The dialable digits of a phone number, for ``href="tel:..."``."""
    return _tel_digits(value)
