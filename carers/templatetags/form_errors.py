"""The error summary every form page shows (GOV.UK pattern), found once in base.html.

``{% forms_with_errors as error_forms %}`` looks through the page's context for forms and
formsets that were validated and failed; base.html then prefixes the page title with
"Error: " and renders ``_error_summary.html`` at the top of <main>, one linked line per error.

A form may say where its errors link with ``error_anchor(bound_field) -> str`` (an element
id); by default a line links to the field's input (the first option of a radio or checkbox
group).
"""

from django import forms, template

register = template.Library()

MAX_DEPTH = 2  # forms in a list or dict of the context (one per row), no deeper


def _validated_with_errors(form) -> bool:
    # Only forms the view has validated: asking a bound form for .errors would validate it
    # here, and a search form bound to an empty query is not an error.
    return getattr(form, "_errors", None) is not None and bool(form._errors)


def _collect(value, found, seen, depth=0):
    if id(value) in seen:
        return
    seen.add(id(value))
    # type(), not isinstance(): isinstance() would evaluate lazy context values such as
    # csrf_token, which sets a cookie on pages that have no form.
    kind = type(value)
    if issubclass(kind, forms.BaseForm):
        if _validated_with_errors(value):
            found.append(value)
    elif issubclass(kind, forms.BaseFormSet):
        if value.is_bound and getattr(value, "_errors", None) is not None:
            if value._non_form_errors or any(_validated_with_errors(f) for f in value.forms):
                found.append(value)
    elif depth < MAX_DEPTH and issubclass(kind, (list, tuple)):
        for item in value[:200]:
            _collect(item, found, seen, depth + 1)
    elif depth < MAX_DEPTH and issubclass(kind, dict):
        for item in list(value.values())[:200]:
            _collect(item, found, seen, depth + 1)


@register.simple_tag(takes_context=True)
def forms_with_errors(context):
    """The context's forms and formsets that failed validation, in the order found."""
    found, seen = [], set()
    for layer in context.dicts:
        for value in layer.values():
            _collect(value, found, seen)
    return found


def _anchor(form, bound_field) -> str:
    custom = getattr(form, "error_anchor", None)
    if custom is not None:
        return custom(bound_field)
    if bound_field.is_hidden:
        return ""
    widget = bound_field.field.widget
    auto_id = bound_field.auto_id
    if not auto_id:
        return ""
    if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
        return f"{auto_id}_0"
    if isinstance(widget, forms.MultiWidget):
        return f"{auto_id}_0"
    return auto_id


def _form_lines(form):
    lines = [{"anchor": "", "label": "", "message": e} for e in form.non_field_errors()]
    for bound_field in form:  # hidden fields too: no input to go to, but their errors count
        for message in bound_field.errors:
            lines.append(
                {
                    "anchor": _anchor(form, bound_field),
                    "label": bound_field.label or "",
                    "message": message,
                }
            )
    return lines


@register.simple_tag
def error_lines(error_forms):
    """One line per error of these forms: {anchor, label, message}."""
    lines = []
    for form in error_forms:
        if isinstance(form, forms.BaseFormSet):
            lines.extend({"anchor": "", "label": "", "message": e} for e in form.non_form_errors())
            for member in form.forms:
                if _validated_with_errors(member):
                    lines.extend(_form_lines(member))
        else:
            lines.extend(_form_lines(form))
    return lines


@register.filter(is_safe=True)
def strip(value):
    """A page title without the blank lines its template block may carry."""
    return " ".join(str(value).split())
