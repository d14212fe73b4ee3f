"""The one refusal of every action (carers.errors.ActionError) and the one way
views show it: on the form field it is about, as the form's non-field error, or
as a message, always in the user's language."""

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from carers.errors import CONFLICT, NOT_FOUND, ActionError, show_error

FUTURE = _("A consultation cannot be in the future.")
FUTURE_JA = "相談日を未来の日付にすることはできません。"


class ConsultationForm(forms.Form):
    held_on = forms.DateField()
    summary = forms.CharField()


def bound_form():
    form = ConsultationForm({"held_on": "2030-01-01", "summary": "電話で相談"})
    assert form.is_valid()
    return form


def request_with_messages():
    request = RequestFactory().post("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def test_an_error_about_a_field_is_shown_on_that_field():
    form = bound_form()
    with translation.override("en"):
        show_error(request_with_messages(), ActionError(FUTURE, field="held_on"), form)
    assert form.errors["held_on"] == ["A consultation cannot be in the future."]
    assert not form.non_field_errors()
    assert form.data["summary"] == "電話で相談"  # what the user typed stays


def test_an_error_without_a_field_or_with_one_the_form_lacks_is_a_non_field_error():
    form = bound_form()
    with translation.override("en"):
        show_error(request_with_messages(), ActionError(FUTURE), form)
        show_error(request_with_messages(), ActionError(FUTURE, field="not_here"), form)
    assert form.non_field_errors() == ["A consultation cannot be in the future."] * 2
    assert set(form.errors) == {"__all__"}


def test_without_a_form_the_error_is_a_message():
    request = request_with_messages()
    with translation.override("en"):
        show_error(request, ActionError(FUTURE, field="held_on"))
    assert [str(m) for m in get_messages(request)] == ["A consultation cannot be in the future."]


def test_the_message_is_in_the_language_of_the_request_that_shows_it():
    error = ActionError(FUTURE, field="held_on")  # raised once, shown in either language
    japanese, english = bound_form(), bound_form()
    with translation.override("ja"):
        show_error(request_with_messages(), error, japanese)
    with translation.override("en"):
        show_error(request_with_messages(), error, english)
    assert japanese.errors["held_on"] == [FUTURE_JA]
    assert english.errors["held_on"] == ["A consultation cannot be in the future."]


def test_the_kind_of_refusal_sets_the_status_of_the_page_that_shows_it():
    assert ActionError("x").http_status == 400
    assert ActionError("x", code=CONFLICT).http_status == 409
    assert ActionError("x", code=NOT_FOUND).http_status == 404
    assert ActionError("x", code=CONFLICT, current=1).details == {"current": 1}
