import hashlib

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .caching import cached
from .models import Municipality
from .municipalities import city_code_for


class MunicipalitySelect(forms.Select):
    """A <select> of municipalities rendered in Python: one template per option
    (Django's, and crispy-forms' around it) cost tens of milliseconds a page
    for the ~180 municipalities of a prefecture. The options are read once per
    language and data version (carers.caching)."""

    def _options(self):
        choices = self.choices
        field = getattr(choices, "field", None)
        if field is None:  # plain choices: nothing to read from the database
            return [(str(v), str(label)) for v, label in choices]
        source = f"{field.queryset.query}|{field.empty_label}"
        digest = hashlib.md5(source.encode(), usedforsecurity=False).hexdigest()
        return cached(
            f"select:{get_language()}:{digest}",
            lambda: [(str(v), str(label)) for v, label in choices],
        )

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = {"name": name, **self.build_attrs(self.attrs, attrs)}
        chosen = self.format_value(value)
        parts = [f"<select{flatatt(final_attrs)}>"]
        for option, label in self._options():
            selected = " selected" if option in chosen else ""
            parts.append(f'<option value="{escape(option)}"{selected}>{escape(label)}</option>')
        parts.append("</select>")
        return mark_safe("".join(parts))


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form (allauth calls ``signup``)."""

    display_name = forms.CharField(
        label=_("Nickname (optional)"),
        max_length=80,
        required=False,
        help_text=_("Shown to salon organisers instead of your email. A real name is not needed."),
    )
    is_organiser = forms.BooleanField(
        label=_("I want to register a carer salon or café as an organiser"), required=False
    )

    def signup(self, request, user):
        user.display_name = self.cleaned_data.get("display_name", "")
        user.save(update_fields=["display_name"])


class MunicipalityChoiceField(forms.ModelChoiceField):
    """Municipalities of the portal's prefecture; the value is the 6-digit code."""

    def __init__(self, **kwargs):
        self._portal_prefecture = "queryset" not in kwargs
        kwargs.setdefault("queryset", Municipality.objects.in_portal_prefecture())
        kwargs.setdefault("widget", MunicipalitySelect)
        kwargs.setdefault("label", _("Municipality"))
        kwargs.setdefault(
            "error_messages", {"invalid_choice": _("Choose a municipality from the list.")}
        )
        super().__init__(**kwargs)

    def __deepcopy__(self, memo):
        # Fields are declared at import; each form gets the prefecture configured now.
        result = super().__deepcopy__(memo)
        if self._portal_prefecture:
            result.queryset = Municipality.objects.in_portal_prefecture()
        return result

    def to_python(self, value):
        # A designated city's ward code (札幌市中央区 011011) stands for its city.
        if isinstance(value, str) and len(value.strip()) == 6:
            value = city_code_for(value.strip()) or value
        return super().to_python(value)

    def label_from_instance(self, obj):
        return obj.localized_name
