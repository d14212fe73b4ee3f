from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from carers.forms import MunicipalityChoiceField
from carers.models import STAFF_ROLES, User
from carers.prefecture import prefecture_text_lazy

from .models import NTH_LABELS, PUBLIC_FIELDS, AgeBand, Audience, RecurrenceKind, Salon, SessionRule
from .validators import validate_https

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class SalonForm(forms.ModelForm):
    municipality = MunicipalityChoiceField(
        required=False,
        help_text=prefecture_text_lazy(
            _("Leave empty only for an online salon open to everyone %(within)s.")
        ),
    )
    audiences = forms.MultipleChoiceField(
        label=_("Who is it for?"),
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one audience.")},
    )

    class Meta:
        model = Salon
        fields = PUBLIC_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photo"].widget.attrs["accept"] = "image/jpeg,image/png,image/gif,image/webp"
        if self.instance.pk and self.instance.pending_changes:
            # Show the organiser what they proposed, not the published version.
            for field, value in self.instance.pending_changes.items():
                if field in self.fields and field != "photo":
                    self.initial[field] = value

    def clean(self):
        data = super().clean()
        if not data.get("is_in_person") and not data.get("is_online"):
            self.add_error("is_online", _("Choose in person, online, or both."))
        if data.get("is_in_person"):
            if not data.get("municipality"):
                self.add_error("municipality", _("An in-person salon needs its municipality."))
            if not data.get("venue_address"):
                self.add_error("venue_address", _("An in-person salon needs the venue's address."))
        if data.get("photo") and not data.get("photo_alt"):
            self.add_error("photo_alt", _("Describe the photo for people who cannot see it."))
        return data


class FacilitatorField(forms.EmailField):
    """The facilitator is named by the email address of an advisor's or staff
    member's account. Only those accounts are looked up, and every other
    address gets the same answer, so the field does not tell whether a
    resident (a carer) has an account."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Facilitator's account email (optional)"))
        kwargs.setdefault(
            "help_text", _("An advisor's or municipal or prefecture staff member's account.")
        )
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value):
        email = super().clean(value)
        if not email:
            return None
        user = User.objects.filter(
            email__iexact=email, is_active=True, role__in=STAFF_ROLES
        ).first()
        if user is None:
            raise forms.ValidationError(
                _(
                    "This is not the address of an advisor's or staff account. "
                    "Ask the facilitator which address their portal account uses."
                )
            )
        return user


class OnlineFieldsMixin:
    def clean_meeting_url(self):
        url = self.cleaned_data.get("meeting_url", "")
        validate_https(url)
        return url

    def check_online(self, data):
        if data.get("meeting_url") and not data.get("is_online"):
            self.add_error("is_online", _("Tick 'online' for a session with a meeting URL."))


class TimesMixin:
    """Date + start/end time fields combined into aware ``starts_at``/``ends_at`` (Asia/Tokyo)."""

    def clean(self):
        data = super().clean()
        if hasattr(self, "check_online"):
            self.check_online(data)
        if data.get("date") and data.get("start_time") and data.get("end_time"):
            tz = timezone.get_current_timezone()
            data["starts_at"] = datetime.combine(data["date"], data["start_time"], tzinfo=tz)
            data["ends_at"] = datetime.combine(data["date"], data["end_time"], tzinfo=tz)
            if data["ends_at"] <= data["starts_at"]:
                self.add_error("end_time", _("The end must be after the start."))
            if data["starts_at"] < timezone.now():
                self.add_error("date", _("The start is in the past."))
        return data


CAPACITY_FIELD = dict(
    label=_("Capacity"),
    required=False,
    min_value=1,
    # Far above any salon, and within the database column (a larger number was a 500).
    max_value=10000,
    help_text=_("Leave empty for no limit."),
    error_messages={"min_value": _("The capacity must be at least 1, or empty for no limit.")},
)


MEETING_URL_FIELD = dict(
    label=_("Meeting URL"),
    required=False,
    assume_scheme="https",
    help_text=_("https only. Shown only to participants from 30 minutes before the start."),
)


class SessionForm(OnlineFieldsMixin, TimesMixin, forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    start_time = forms.TimeField(label=_("Start time"), widget=TIME_INPUT)
    end_time = forms.TimeField(label=_("End time"), widget=TIME_INPUT)
    capacity = forms.IntegerField(**CAPACITY_FIELD)
    is_online = forms.BooleanField(label=_("Online"), required=False)
    meeting_url = forms.URLField(**MEETING_URL_FIELD)
    facilitator = FacilitatorField()
    # Context: a bare "Note" is "注意" (a warning) in another catalogue that wins.
    note = forms.CharField(label=pgettext_lazy("session", "Note"), max_length=200, required=False)


class SessionEditForm(forms.Form):
    """What can change on an existing session (its time has its own page)."""

    capacity = forms.IntegerField(**CAPACITY_FIELD)
    meeting_url = forms.URLField(**MEETING_URL_FIELD)
    facilitator = FacilitatorField()
    note = forms.CharField(label=pgettext_lazy("session", "Note"), max_length=200, required=False)

    def __init__(self, *args, session, may_see_link=True, **kwargs):
        # Staff who manage the salon may replace the meeting link but never
        # read it (it is for the organiser, facilitator and participants).
        self.keeps_hidden_link = bool(session.meeting_url) and not may_see_link
        kwargs.setdefault(
            "initial",
            {
                "capacity": session.capacity,
                "meeting_url": "" if self.keeps_hidden_link else session.meeting_url,
                "facilitator": session.facilitator.email if session.facilitator else "",
                "note": session.note,
            },
        )
        super().__init__(*args, **kwargs)
        self.session = session
        if not session.is_online:
            del self.fields["meeting_url"]
        elif self.keeps_hidden_link:
            self.fields["meeting_url"].help_text = _(
                "A meeting link is set; only the organiser, the facilitator and participants "
                "can see it. Enter a new link to replace it, or leave this empty to keep it."
            )

    def clean_meeting_url(self):
        url = self.cleaned_data.get("meeting_url", "")
        validate_https(url)
        if not url and self.keeps_hidden_link:
            return self.session.meeting_url
        return url


class MoveForm(TimesMixin, forms.Form):
    date = forms.DateField(label=_("New date"), widget=DATE_INPUT)
    start_time = forms.TimeField(label=_("Start time"), widget=TIME_INPUT)
    end_time = forms.TimeField(label=_("End time"), widget=TIME_INPUT)


class RuleForm(OnlineFieldsMixin, forms.ModelForm):
    facilitator = FacilitatorField()
    capacity = forms.IntegerField(**CAPACITY_FIELD)
    meeting_url = forms.URLField(**MEETING_URL_FIELD)

    class Meta:
        model = SessionRule
        fields = [
            "kind",
            "weekday",
            "nth",
            "start_time",
            "end_time",
            "starts_on",
            "ends_on",
            "capacity",
            "is_online",
            "meeting_url",
            "facilitator",
            "note",
        ]
        widgets = {
            "start_time": TIME_INPUT,
            "end_time": TIME_INPUT,
            "starts_on": DATE_INPUT,
            "ends_on": DATE_INPUT,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nth"] = forms.TypedChoiceField(
            label=_("Week of the month"),
            required=False,
            coerce=int,
            empty_value=None,
            choices=[("", _("Not monthly"))] + list(NTH_LABELS.items()),
            help_text=_("For monthly schedules: the 3rd for the 3rd Saturday of the month."),
        )

    def clean(self):
        data = super().clean()
        self.check_online(data)
        if (
            data.get("start_time")
            and data.get("end_time")
            and data["end_time"] <= data["start_time"]
        ):
            self.add_error("end_time", _("The end must be after the start."))
        if data.get("starts_on") and data["starts_on"] < timezone.localdate():
            self.add_error("starts_on", _("The first date is in the past."))
        if data.get("kind") == RecurrenceKind.MONTHLY_NTH_WEEKDAY and not data.get("nth"):
            self.add_error("nth", _("Choose which week of the month."))
        return data


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Keywords"), required=False, max_length=100)
    municipality = MunicipalityChoiceField(required=False)
    near = forms.BooleanField(
        label=_("Sort by distance from this municipality (near me)"), required=False
    )
    audience = forms.ChoiceField(
        label=_("For"), choices=[("", _("Anyone"))] + Audience.choices, required=False
    )
    online = forms.BooleanField(label=_("Online only"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword, so the field is added by name.
        self.fields["from"] = forms.DateField(
            label=_("From date"), required=False, widget=DATE_INPUT
        )


class JoinForm(forms.Form):
    nickname = forms.CharField(
        label=_("Nickname"),
        max_length=40,
        required=False,
        help_text=_("Shown to the organiser. A real name is not needed."),
    )

    def __init__(self, *args, young=False, **kwargs):
        super().__init__(*args, **kwargs)
        if young:
            # Asked so that the facilitator can keep the session right for its
            # age group; an adult carer is pointed to the other salons instead.
            self.fields["age_band"] = forms.ChoiceField(
                label=_("Your age"),
                choices=[("", _("Choose your age band"))] + AgeBand.choices,
                help_text=_(
                    "This salon is for young carers: children and young people up to about 30 who look after someone in their family. Only the age band is asked, not your birthday."
                ),
                error_messages={"required": _("Please choose your age band.")},
            )


class GuestJoinForm(JoinForm):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("We send you a link to confirm. No account is needed."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nickname"].required = True
        self.order_fields(["email", "nickname"])


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What should the organiser change?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        help_text=_(
            "Shown on the salon's page and in calendars, and sent to everyone signed up. "
            "Do not write anyone's personal details."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        error_messages={
            "required": _("Write the reason for cancelling: participants and visitors see it.")
        },
    )


class MessageForm(forms.Form):
    message = forms.CharField(
        label=_("Message to everyone signed up"),
        help_text=_(
            "Sent by email to everyone booked, offered a seat or waiting. Their addresses stay "
            "hidden from you."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        error_messages={"required": _("Write the message.")},
    )


class ReportForm(forms.Form):
    message = forms.CharField(
        label=_("What is wrong or out of date?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("Please do not write personal details about yourself or others."),
    )
