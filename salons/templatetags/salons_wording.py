"""``{% load salons_wording %}``: salon words for templates and emails."""

from django import template

from salons.models import salon_field_labels as _labels

register = template.Library()


@register.filter
def salon_field_labels(names):
    """``{{ changed|salon_field_labels }}``: field names as labels, "Fee, Name"."""
    return _labels(names or [])
