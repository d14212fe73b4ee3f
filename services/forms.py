"""Forms of the service catalogue: the guidance questionnaire, the catalogue
search, the staff edit form, the CSV upload and the visitor's report."""

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from carers.forms import MunicipalitySelect
from carers.models import CareLevel, Municipality
from carers.municipalities import city_code_for

from . import guidance
from .models import Audience, ImportKind, Location, Scope, Service, ServiceReport, TaxonomyTerm


def municipality_choices(blank_label):
    """The prefecture's municipalities, named in the active language."""
    rows = Municipality.objects.in_portal_prefecture()
    return [("", blank_label)] + [(m.code, m.localized_name) for m in rows]


class MunicipalityCodeField(forms.ChoiceField):
    """A municipality's code; a designated city's ward code (011011) means its city."""

    def to_python(self, value):
        value = super().to_python(value)
        return (city_code_for(value) or value) if len(value or "") == 6 else value


class GuidanceForm(forms.Form):
    """The questionnaire. ``cleaned_data`` is plain JSON (strings and lists of
    strings) so a support plan can store it as it is."""

    municipality = MunicipalityCodeField(label=_("Where do you live?"), required=False)
    recipient = forms.ChoiceField(
        label=_("Who needs care?"),
        choices=guidance.RECIPIENTS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please tell us who needs care.")},
    )
    needs = forms.MultipleChoiceField(
        label=_("What kind of care or support do they need?"),
        choices=guidance.NEEDS,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Please choose at least one kind of care or support.")},
    )
    care_level = forms.ChoiceField(
        label=_("Care level (if known)"),
        choices=CareLevel.choices,
        initial=CareLevel.UNKNOWN,
        required=False,
        help_text=_(
            "The long-term care insurance certification (要支援・要介護). Choose “Unknown” if you are not sure."
        ),
    )
    service_use = forms.ChoiceField(
        label=_("Does the household use any care or welfare services now?"),
        choices=guidance.SERVICE_USE,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please say whether the household uses any services now.")},
    )
    services_used = forms.MultipleChoiceField(
        label=_("If yes: which services?"),
        choices=guidance.USED_SERVICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    situations = forms.MultipleChoiceField(
        label=_("About you, the carer (choose all that apply)"),
        choices=guidance.SITUATIONS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    wishes = forms.MultipleChoiceField(
        label=_("What would you wish for? (choose all that apply)"),
        choices=guidance.WISHES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    recipient_wishes = forms.CharField(
        label=_("What does the person cared for wish for?"),
        help_text=_(
            "In their own words if you can, for example “to stay at home”, “to keep going to the "
            "day centre”. Leave empty if you do not know yet."
        ),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    carer_wishes = forms.CharField(
        label=_("And you: what do you wish for, in your own words?"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = municipality_choices(_("Not specified"))

    def clean_care_level(self):
        return self.cleaned_data.get("care_level") or CareLevel.UNKNOWN.value

    def clean(self):
        data = super().clean()
        use, used = data.get("service_use"), data.get("services_used") or []
        if use == "none" and used:
            self.add_error(
                "services_used",
                _(
                    "You said the household uses no services, but chose some services. Please correct one of the two."
                ),
            )
        if use == "some" and not used:
            self.add_error(
                "services_used", _("Please choose which services the household uses now.")
            )
        return data


class SearchForm(forms.Form):
    """Catalogue search; invalid values are dropped rather than refused."""

    q = forms.CharField(label=_("Search words"), required=False, max_length=100)
    category = forms.ChoiceField(label=_("Category"), required=False)
    audience = forms.ChoiceField(
        label=_("Who it is for"),
        required=False,
        choices=[("", _("Everyone"))] + list(Audience.choices),
    )
    municipality = MunicipalityCodeField(
        label=_("Municipality"),
        required=False,
        widget=MunicipalitySelect(attrs={"class": "form-select"}),  # ~180 options, in Python
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("All categories"))] + [
            (t.code, t.name) for t in TaxonomyTerm.objects.all()
        ]
        self.fields["municipality"].choices = municipality_choices(_("All municipalities"))

    def filters(self) -> dict:
        """The valid values only (an invalid one is ignored, not an error)."""
        self.is_valid()
        return {
            name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors
        }


def normalise_corporate_number(value) -> str:
    """法人番号 as 13 plain digits (full-width digits, spaces and hyphens removed)."""
    text = unicodedata.normalize("NFKC", str(value or ""))
    return "".join(c for c in text if c not in " -‐－")


def corporate_number_is_valid(number: str) -> bool:
    """13 digits whose first is the check digit over the other twelve (National
    Tax Agency: 9 - (sum of the digits weighted 1, 2, 1, 2... from the right) mod 9)."""
    if len(number) != 13 or not number.isdigit():
        return False
    base = number[1:]
    total = sum(int(d) * (1 if i % 2 == 0 else 2) for i, d in enumerate(reversed(base)))
    return int(number[0]) == 9 - total % 9


class ServiceForm(forms.ModelForm):
    url = forms.URLField(label=_("web page"), required=False, assume_scheme="https")
    audiences = forms.MultipleChoiceField(
        label=_("Who it is for"), choices=Audience.choices, widget=forms.CheckboxSelectMultiple
    )
    new_provider = forms.CharField(
        label=_("Or a new provider organisation"),
        required=False,
        max_length=200,
        help_text=_("Its Japanese name, if it is not in the list above (e.g. your city's office)."),
    )
    new_provider_number = forms.CharField(
        label=_("Corporate number of the new provider (法人番号, optional)"),
        required=False,
        max_length=20,
        help_text=_("13 digits. A provider with this number is used if it exists."),
    )

    class Meta:
        model = Service
        fields = [
            "name_ja",
            "name_en",
            "summary_ja",
            "summary_en",
            "description_ja",
            "description_en",
            "eligibility_ja",
            "eligibility_en",
            "how_to_apply_ja",
            "how_to_apply_en",
            "cost_ja",
            "cost_en",
            "organization",
            "categories",
            "audiences",
            "scope",
            "municipalities",
            "url",
            "email",
            "phone",
            "contact_ja",
            "contact_en",
            "keywords",
            "source",
            "status",
            "last_verified",
            "visible_from",
            "visible_until",
        ]
        # Contexts keep other apps' translations of the same English words
        # ("provider" as in a sign-in provider) out of these labels.
        labels = {"organization": pgettext_lazy("service", "Provider organisation")}
        widgets = {
            "categories": forms.CheckboxSelectMultiple,
            "last_verified": forms.DateInput(attrs={"type": "date"}),
            "visible_from": forms.DateInput(attrs={"type": "date"}),
            "visible_until": forms.DateInput(attrs={"type": "date"}),
            "summary_ja": forms.TextInput,
            "summary_en": forms.TextInput,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        order = list(self.Meta.fields)
        order.insert(order.index("organization") + 1, "new_provider")
        order.insert(order.index("new_provider") + 1, "new_provider_number")
        self.order_fields(order)
        self.fields["organization"].required = False
        for name in (
            "description_ja",
            "description_en",
            "eligibility_ja",
            "eligibility_en",
            "how_to_apply_ja",
            "how_to_apply_en",
            "cost_ja",
            "cost_en",
        ):
            self.fields[name].widget.attrs["rows"] = 3
        munis = Municipality.objects.in_portal_prefecture()
        if user.is_municipal_staff:
            # Municipal staff write their own municipality's entries only.
            self.fields["scope"].choices = [(Scope.MUNICIPAL, Scope.MUNICIPAL.label)]
            munis = munis.filter(code=user.municipality_id)
            self.fields["municipalities"].initial = [user.municipality_id]
        self.fields["municipalities"].queryset = munis
        self.fields["municipalities"].widget.attrs["size"] = 8

    def clean_new_provider_number(self):
        number = normalise_corporate_number(self.cleaned_data.get("new_provider_number"))
        if number and not corporate_number_is_valid(number):
            raise forms.ValidationError(
                _(
                    "This is not a valid corporate number (法人番号): 13 digits, as shown on the "
                    "National Tax Agency's corporate number site."
                )
            )
        return number

    def clean(self):
        data = super().clean()
        scope, munis = data.get("scope"), data.get("municipalities")
        if scope == Scope.MUNICIPAL and munis is not None:
            munis = data["municipalities"] = self._with_other_municipalities(munis)
        if scope == Scope.MUNICIPAL and not munis and "municipalities" not in self.errors:
            self.add_error(
                "municipalities", _("A municipal service needs at least one municipality.")
            )
        if scope != Scope.MUNICIPAL and munis:
            data["municipalities"] = Municipality.objects.none()
        provider, new_provider = data.get("organization"), data.get("new_provider")
        if provider and new_provider:
            self.add_error(
                "new_provider", _("Choose a provider from the list or type a new one, not both.")
            )
        elif not provider and not new_provider and "organization" not in self.errors:
            self.add_error("organization", _("Choose the provider, or type a new one below."))
        start, end = data.get("visible_from"), data.get("visible_until")
        if start and end and start > end:
            self.add_error(
                "visible_until", _("The end of visibility must not be before its start.")
            )
        return data

    def _with_other_municipalities(self, chosen):
        """Municipal staff see only their own municipality in the list; an entry
        shared with other municipalities keeps those (they are not theirs to remove)."""
        if not (self.user.is_municipal_staff and self.instance.pk):
            return chosen
        others = self.instance.municipalities.exclude(code=self.user.municipality_id)
        codes = {m.code for m in chosen} | {m.code for m in others}
        return Municipality.objects.filter(code__in=codes)


class CsvUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"), help_text=_("UTF-8 (with or without BOM) or Shift_JIS, up to 1 MB.")
    )


class ReportForm(forms.ModelForm):
    class Meta:
        model = ServiceReport
        fields = ["message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 4, "maxlength": 2000})}
        help_texts = {"message": _("Please do not include personal details about anyone.")}


class LocationForm(forms.ModelForm):
    """A place where the service is offered (shown on the page and in the HSDS API)."""

    class Meta:
        model = Location
        fields = ["name_ja", "name_en", "municipality", "postal_code", "address_ja", "address_en"]
        labels = {"municipality": _("Municipality")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        munis = Municipality.objects.in_portal_prefecture()
        if user.is_municipal_staff:
            munis = munis.filter(code=user.municipality_id)
        self.fields["municipality"].queryset = munis
        self.fields["municipality"].required = True


def location_formset(*, data=None, service=None, user):
    """The locations of ``service`` (one empty row to add another)."""
    formset_class = forms.modelformset_factory(
        Location, form=LocationForm, extra=1, can_delete=True
    )
    queryset = (
        Location.objects.filter(service_at_locations__service=service)
        if service is not None
        else Location.objects.none()
    )
    return formset_class(data, queryset=queryset, prefix="locations", form_kwargs={"user": user})


class OpenDataUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of file"), choices=ImportKind.choices, widget=forms.RadioSelect
    )
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8 (with or without BOM) or Shift_JIS (CP932); at most 50 MB."),
    )

    MAX_BYTES = 50 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is too large (at most 50 MB)."))
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        return upload
