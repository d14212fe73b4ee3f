"""The one error an action raises when it refuses, and the one way views show it.

Every app's actions raise ``ActionError`` with a message for the user (in the
active language; lazy translations are fine) and, when the refusal is about one
input, the name of that form field. Views catch it and call ``show_error``:

    try:
        salon = actions.salon_update(salon=salon, by=request.user, data=data)
    except ActionError as error:
        show_error(request, error, form)

``code`` says what kind of refusal it is, for the few views that answer
differently (a 409 for a conflict, a 404 for a link that leads nowhere).
"""

from django.contrib import messages

INVALID = "invalid"  # the input cannot be accepted; the user can fix it
CONFLICT = "conflict"  # the object's state (or someone else's change) forbids it now
FORBIDDEN = "forbidden"  # this user may not do this
NOT_FOUND = "not_found"  # a link or reference that leads nowhere

__all__ = ["CONFLICT", "FORBIDDEN", "INVALID", "NOT_FOUND", "ActionError", "show_error"]


class ActionError(Exception):
    """A refusal the user can understand: ``message`` for them, ``field`` the
    form field it is about (None: the whole form), ``code`` its kind and
    ``details`` anything a view needs to explain it (e.g. the current record)."""

    def __init__(self, message, *, field: str | None = None, code: str = INVALID, **details):
        super().__init__(str(message))
        self.message = message
        self.field = field
        self.code = code
        self.details = details

    @property
    def http_status(self) -> int:
        """The status a page re-shown because of this error answers with."""
        return {CONFLICT: 409, FORBIDDEN: 409, NOT_FOUND: 404}.get(self.code, 400)


def show_error(request, error: ActionError, form=None) -> None:
    """Show ``error`` where the user looks: on the form field it is about, as
    the form's non-field error, or (without a form) as a message."""
    if form is not None:
        field = error.field if error.field in getattr(form, "fields", {}) else None
        form.add_error(field, str(error.message))
    else:
        messages.error(request, str(error.message))
