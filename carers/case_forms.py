"""Forms of the household case records. They validate and normalise; the
writes happen in carers.actions."""

import datetime

from django import forms
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import (
    AgeBand,
    Carer,
    CareRecipient,
    ConditionCategory,
    ConsentMethod,
    ConsentPurpose,
    ConsultationLog,
    DeletionReason,
    Household,
    Role,
    User,
)

DATE_ERRORS = {"invalid": _("Enter a real date (year-month-day), e.g. 2026-04-01.")}
UNDER_18_BANDS = {AgeBand.UNDER_12, AgeBand.AGE_12_17}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label, **kwargs):
    kwargs["error_messages"] = {**DATE_ERRORS, **kwargs.get("error_messages", {})}
    return forms.DateField(label=label, widget=DateInput(), **kwargs)


EARLIEST = datetime.date(2000, 1, 1)
FOLLOW_UP_HORIZON = datetime.timedelta(days=3 * 366)


def not_future(value, message):
    """A date that has happened: not in the future, and not implausibly old (a typo)."""
    if value and value > timezone.localdate():
        raise forms.ValidationError(message)
    if value and value < EARLIEST:
        raise forms.ValidationError(_("This date looks mistyped: enter a date from 2000 onwards."))
    return value


def follow_up_date(value, previous=None):
    """A follow-up: today or later (an unchanged earlier date may stay), within three years."""
    if value and value < timezone.localdate() and value != previous:
        raise forms.ValidationError(
            _("The follow-up date is in the past. Choose today or a later date.")
        )
    if value and value > timezone.localdate() + FOLLOW_UP_HORIZON:
        raise forms.ValidationError(
            _("The follow-up date is more than three years away. Check the year.")
        )
    return value


class HouseholdForm(forms.ModelForm):
    next_follow_up = date_field(_("Next follow-up"), required=False)

    class Meta:
        model = Household
        fields = Household.EDITABLE_FIELDS
        widgets = {
            "services_used": forms.Textarea(attrs={"rows": 2}),
            "needs_and_wishes": forms.Textarea(attrs={"rows": 4}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = User.objects.filter(
            role=Role.MUNICIPAL_STAFF, municipality=municipality, is_active=True
        ).order_by("email")
        self.fields["assigned_to"].label_from_instance = lambda u: u.display_name or u.email
        self.fields["assigned_to"].required = False
        self.fields["assigned_to"].empty_label = _("(me)")
        self.fields["service_use"].widget = forms.RadioSelect(
            choices=self.fields["service_use"].choices
        )

    def clean_next_follow_up(self):
        previous = self.instance.next_follow_up if self.instance.pk else None
        return follow_up_date(self.cleaned_data.get("next_follow_up"), previous)


class VersionForm(forms.Form):
    """The version of the record the editor loaded (optimistic concurrency)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ConsentForm(forms.Form):
    given_by = forms.CharField(
        label=_("Consent given by"),
        max_length=80,
        help_text=_(
            "Who agreed, e.g. “the carer (main carer)” or “the person cared for and their daughter”."
        ),
        error_messages={"required": _("Record who gave consent.")},
    )
    given_on = date_field(
        _("Date consent was given"),
        error_messages={"required": _("Enter the date consent was given.")},
    )
    method = forms.ChoiceField(
        label=_("How consent was given"),
        choices=ConsentMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how consent was given.")},
    )
    purposes = forms.MultipleChoiceField(
        label=_("Purposes agreed to"),
        choices=ConsentPurpose.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose the purposes the person agreed to.")},
    )
    explained = forms.BooleanField(
        label=_(
            "I explained what will be recorded, who can see it, and that consent can be withdrawn at any time."
        ),
        error_messages={
            "required": _("Confirm that you explained the record and the right to withdraw.")
        },
    )

    def clean_given_on(self):
        return not_future(
            self.cleaned_data.get("given_on"), _("Consent cannot be dated in the future.")
        )

    def clean_purposes(self):
        purposes = self.cleaned_data.get("purposes") or []
        if ConsentPurpose.CASE_RECORD not in purposes:
            raise forms.ValidationError(
                _("Without consent to keep the case record, the household cannot be recorded.")
            )
        return purposes


class CarerForm(forms.ModelForm):
    class Meta:
        model = Carer
        fields = Carer.EDITABLE_FIELDS

    def clean(self):
        data = super().clean()
        band = data.get("age_band")
        if band in UNDER_18_BANDS:
            data["is_under_18"] = True
        elif band and data.get("is_under_18"):
            self.add_error(
                "is_under_18",
                _("The age band is 18 or over, but “under 18” is ticked. Check which is right."),
            )
        return data


class CareRecipientForm(forms.ModelForm):
    conditions = forms.MultipleChoiceField(
        label=_("Conditions (broad categories)"),
        choices=ConditionCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = CareRecipient
        fields = CareRecipient.EDITABLE_FIELDS


MAX_MEMBERS = 10  # of each kind per household


class MemberFormSet(forms.BaseInlineFormSet):
    """Carers or people cared for of one household, any number of them in one
    save. Every row can be removed: a saved person when the record is saved, a
    new row simply is not saved."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["DELETE"].label = (
            _("Remove this person from the record when saving")
            if form.instance.pk
            else _("Do not save this entry")
        )

    def members(self):
        """Cleaned rows that hold something, for carers.actions."""
        return [row for row in self.cleaned_data if row]

    def can_add(self):
        """True when another row may be added (the "add another" button)."""
        return self.total_form_count() < self.max_num


CarerFormSet = inlineformset_factory(
    Household,
    Carer,
    form=CarerForm,
    formset=MemberFormSet,
    extra=1,
    can_delete=True,
    can_delete_extra=True,
    max_num=MAX_MEMBERS,
    validate_max=True,
)
CareRecipientFormSet = inlineformset_factory(
    Household,
    CareRecipient,
    form=CareRecipientForm,
    formset=MemberFormSet,
    extra=1,
    can_delete=True,
    can_delete_extra=True,
    max_num=MAX_MEMBERS,
    validate_max=True,
)


class ConsultationForm(forms.ModelForm):
    held_on = date_field(_("Date"))

    class Meta:
        model = ConsultationLog
        fields = ["held_on", "channel", "summary", "next_step"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "next_step": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_held_on(self):
        return not_future(
            self.cleaned_data.get("held_on"), _("A consultation cannot be in the future.")
        )


class FollowUpForm(forms.Form):
    next_follow_up = date_field(_("Next follow-up"))

    def clean_next_follow_up(self):
        return follow_up_date(self.cleaned_data.get("next_follow_up"))


class WithdrawConsentForm(forms.Form):
    withdrawn_on = date_field(_("Date consent was withdrawn"))
    method = forms.ChoiceField(
        label=_("How the withdrawal was received"),
        choices=ConsentMethod.choices,
        widget=forms.RadioSelect,
    )
    confirm = forms.BooleanField(
        label=_(
            "I understand that notes, needs, names and health details will be cleared now and cannot be restored."
        ),
        error_messages={"required": _("Tick the box to confirm.")},
    )

    def clean_withdrawn_on(self):
        return not_future(
            self.cleaned_data.get("withdrawn_on"), _("The withdrawal date cannot be in the future.")
        )


class DeleteForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason for deletion"), choices=DeletionReason.choices, widget=forms.RadioSelect
    )
    confirm = forms.BooleanField(
        label=_("I understand that the whole record is deleted and cannot be restored."),
        error_messages={"required": _("Tick the box to confirm.")},
    )


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, close this case."), error_messages={"required": _("Tick the box to confirm.")}
    )
