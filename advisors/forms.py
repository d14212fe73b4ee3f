"""Forms validate and normalise; advisors.actions makes the changes."""

import re
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from carers.errors import ActionError
from carers.forms import MunicipalityChoiceField
from carers.models import Municipality, Role, User

from .actions import REQUEST_FIELDS, check_preferred_dates
from .models import Advisor, DispatchRequest, Format, MenuItem
from .workflow import Action, Status, transition_for

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def version_field():
    """The version the page was rendered with, so a stale form is recognised."""
    return forms.IntegerField(widget=forms.HiddenInput)


class RequestForm(forms.ModelForm):
    version = version_field()
    menu_items = forms.MultipleChoiceField(
        label=_("Menu items"),
        choices=MenuItem.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one menu item.")},
    )
    expected_participants = forms.IntegerField(
        label=_("Expected participants"),
        min_value=1,
        error_messages={"min_value": _("Expected participants must be at least 1.")},
    )

    class Meta:
        model = DispatchRequest
        fields = REQUEST_FIELDS
        widgets = {
            "preferred_date_1": DATE,
            "preferred_date_2": DATE,
            "preferred_date_3": DATE,
            "format": forms.RadioSelect,
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "situation": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {"preferred_date_1": {"required": _("Give at least one preferred date.")}}
        help_texts = {
            "purpose": _("What the municipality wants to achieve with the advisor's help."),
            "situation": _("Where the municipality stands now: surveys, plans, salons, staff."),
            "preferred_date_1": _("Up to three dates, all after today."),
            "venue": _("Required for an on-site dispatch."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].required = self.instance.pk is not None
        if self.instance.pk:
            self.initial.setdefault("version", self.instance.version)

    def clean(self):
        data = super().clean()
        for name in ("preferred_date_1", "preferred_date_2", "preferred_date_3"):
            day = data.get(name)
            if day:
                try:
                    check_preferred_dates([day])
                except ActionError as error:
                    self.add_error(name, str(error.message))
        if (
            MenuItem.OTHER in (data.get("menu_items") or [])
            and not (data.get("other_description") or "").strip()
        ):
            self.add_error("other_description", _("Describe the support wanted under “Other”."))
        if data.get("format") == Format.ON_SITE and not (data.get("venue") or "").strip():
            self.add_error("venue", _("Give the venue for an on-site dispatch."))
        return data


class TransitionForm(forms.Form):
    """A comment and the rendered version; subclasses add what the action needs."""

    version = version_field()
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, dispatch=None, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.dispatch = dispatch
        transition = transition_for(dispatch.status, action) if dispatch else None
        if transition and transition.comment_required:
            self.fields["comment"].required = True
            self.fields["comment"].help_text = _("Required: tell the municipality why.")
        if dispatch is not None:
            self.initial.setdefault("version", dispatch.version)

    def action_kwargs(self) -> dict:
        return {"comment": self.cleaned_data.get("comment", "")}


class ApproveForm(TransitionForm):
    advisor = forms.ModelChoiceField(
        label=_("Advisor"),
        queryset=Advisor.objects.none(),
        error_messages={"required": _("Choose an advisor.")},
    )
    dispatch_date = forms.DateField(
        label=_("Dispatch date"),
        widget=DATE,
        error_messages={"required": _("Choose the dispatch date.")},
    )
    field_order = ["advisor", "dispatch_date", "comment"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["advisor"].queryset = Advisor.objects.active().select_related("user")
        if self.dispatch is not None and self.dispatch.preferred_date_1:
            self.initial.setdefault("dispatch_date", self.dispatch.preferred_date_1)

    def action_kwargs(self):
        return {
            **super().action_kwargs(),
            "advisor": self.cleaned_data["advisor"],
            "dispatch_date": self.cleaned_data["dispatch_date"],
        }


class ScheduleForm(TransitionForm):
    start_time = forms.TimeField(
        label=_("Start time"), widget=TIME, error_messages={"required": _("Give the start time.")}
    )
    end_time = forms.TimeField(label=_("End time"), widget=TIME, required=False)
    confirmed_venue = forms.CharField(label=_("Confirmed venue or meeting link"), max_length=200)
    field_order = ["start_time", "end_time", "confirmed_venue", "comment"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.dispatch is not None:
            self.initial.setdefault("confirmed_venue", self.dispatch.venue)

    def action_kwargs(self):
        data = self.cleaned_data
        return {
            **super().action_kwargs(),
            "start_time": data["start_time"],
            "end_time": data.get("end_time"),
            "confirmed_venue": data["confirmed_venue"],
        }


class ReportForm(TransitionForm):
    what_was_done = forms.CharField(
        label=_("What was done"), widget=forms.Textarea(attrs={"rows": 4})
    )
    # max_value keeps a typo within the database column (a larger number was a 500).
    participants = forms.IntegerField(label=_("Participants"), min_value=0, max_value=100000)
    outcomes = forms.CharField(label=_("Outcomes"), widget=forms.Textarea(attrs={"rows": 4}))
    follow_ups = forms.CharField(
        label=_("Follow-ups"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    field_order = ["what_was_done", "participants", "outcomes", "follow_ups"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["comment"]

    def action_kwargs(self):
        fields = ("what_was_done", "participants", "outcomes", "follow_ups")
        return {"data": {f: self.cleaned_data.get(f) for f in fields}}


ACTION_FORMS = {
    Action.APPROVE: ApproveForm,
    Action.SCHEDULE: ScheduleForm,
    Action.REPORT: ReportForm,
}


def action_form_class(action):
    return ACTION_FORMS.get(action, TransitionForm)


class RequestFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All"))] + Status.choices
    )
    municipality = MunicipalityChoiceField(required=False, empty_label=_("All"))
    menu_item = forms.ChoiceField(
        label=_("Menu item"), required=False, choices=[("", _("All"))] + MenuItem.choices
    )

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["status"]:
            queryset = queryset.filter(status=data["status"])
        if data["municipality"]:
            queryset = queryset.filter(municipality=data["municipality"])
        if data["menu_item"]:
            queryset = queryset.filter(menu_items__contains=[data["menu_item"]])
        return queryset


class DateListField(forms.CharField):
    """Dates written one per line (or separated by commas), as YYYY-MM-DD."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(d.isoformat() for d in sorted(value))
        return value

    def to_python(self, value):
        text = super().to_python(value)
        days = set()
        for token in re.split(r"[\s,、]+", text or ""):
            if not token:
                continue
            try:
                days.add(date.fromisoformat(token))
            except ValueError:
                raise ValidationError(
                    _("“%(value)s” is not a date. Write dates as YYYY-MM-DD, one per line."),
                    params={"value": token},
                ) from None
        return sorted(days)


class AdvisorForm(forms.ModelForm):
    specialties = forms.MultipleChoiceField(
        label=_("Specialties"),
        choices=MenuItem.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Areas served"),
        required=False,
        queryset=Municipality.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Leave empty if the advisor serves the whole prefecture."),
    )
    unavailable_dates = DateListField(
        label=_("Unavailable dates"),
        required=False,
        help_text=_("One date per line, as YYYY-MM-DD."),
    )

    class Meta:
        model = Advisor
        fields = (
            "user",
            "name",
            "profile",
            "specialties",
            "other_specialties",
            "areas",
            "unavailable_dates",
            "is_active",
        )
        widgets = {"profile": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "user": _("An account with the advisor role. Accounts are created by an administrator.")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        taken = Advisor.objects.exclude(pk=self.instance.pk).values("user_id")
        self.fields["user"].queryset = User.objects.filter(
            role=Role.ADVISOR, is_active=True
        ).exclude(pk__in=taken)
        self.fields["areas"].queryset = Municipality.objects.in_portal_prefecture()


class PublicEventForm(forms.Form):
    """What the public sees of an advisor-led symposium or training."""

    title = forms.CharField(
        label=_("Title of the event"),
        max_length=200,
        error_messages={"required": _("Give the event a title.")},
    )
    description = forms.CharField(
        label=_("Description for the public"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Who it is for, what happens, whether booking is needed. No personal details."),
    )
    contact = forms.CharField(
        label=_("Contact for the public"),
        required=False,
        max_length=200,
        help_text=_("For example the section's name and phone number."),
    )
    consent = forms.BooleanField(
        label=_("The municipality agrees to publish this event in the public salon calendar"),
        error_messages={
            "required": _(
                "Confirm that the municipality agrees to publish this event to the public."
            )
        },
    )
