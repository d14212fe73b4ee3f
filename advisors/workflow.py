"""The dispatch workflow, defined once: states, transitions, who may make each
and whom each one notifies. ``advisors.actions`` enforces it, the templates
ask it which buttons to show, and the tests enumerate it.

What the states mean:

- draft: written by municipal staff, not yet sent.
- submitted: waiting for the prefecture's review.
- returned: sent back to the municipality to revise and resubmit.
- approved: the prefecture accepted the request and assigned an advisor and a
  date. The advisor's date is booked from here on.
- scheduled: the start/end time and the venue (or meeting link) are confirmed
  with the municipality and the advisor; the dispatch will happen.
- completed: the advisor filed the report.
- rejected, withdrawn: closed without a dispatch.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from carers.models import Role
from carers.prefecture import prefecture_text_lazy
from carers.workflow import Transition as BaseTransition
from carers.workflow import Workflow


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for revision")
    # Contexts: the bare words are translated differently for salons.
    APPROVED = "approved", pgettext_lazy("dispatch status", "Approved")
    SCHEDULED = "scheduled", pgettext_lazy("dispatch status", "Scheduled")
    COMPLETED = "completed", _("Completed")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")

    @classmethod
    def assigned(cls):
        """States in which an advisor is assigned to the request."""
        return (cls.APPROVED, cls.SCHEDULED, cls.COMPLETED)


class Action(models.TextChoices):
    SUBMIT = "submit", prefecture_text_lazy(_("Submit to the %(gov)s"))
    WITHDRAW = "withdraw", _("Withdraw the request")
    RETURN = "return", _("Return for revision")
    REJECT = "reject", _("Reject")
    APPROVE = "approve", _("Approve and assign an advisor")
    SCHEDULE = "schedule", _("Confirm the schedule")
    REPORT = "report", _("File the report")


class Audience(models.TextChoices):
    """Who is told about a transition (the other side)."""

    PREFECTURE = "prefecture", prefecture_text_lazy(_("%(gov)s staff"))
    MUNICIPALITY = "municipality", _("The requesting municipal staff")
    ADVISOR = "advisor", _("The assigned advisor")


# The timeline's first row: a draft was created (not a transition).
CREATED = "create"

# States in which municipal staff may still edit the request's content.
EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})


class Transition(BaseTransition):
    """(action, source, target, roles, notify, comment_required); see carers.workflow."""

    def email_template(self, audience) -> str:
        return f"advisors/email/{self.action}_{audience}"


MUNICIPAL = frozenset({Role.MUNICIPAL_STAFF})
PREFECTURE = frozenset({Role.PREFECTURE_STAFF})
ADVISOR = frozenset({Role.ADVISOR})

TRANSITIONS = (
    Transition(Action.SUBMIT, Status.DRAFT, Status.SUBMITTED, MUNICIPAL, (Audience.PREFECTURE,)),
    Transition(Action.SUBMIT, Status.RETURNED, Status.SUBMITTED, MUNICIPAL, (Audience.PREFECTURE,)),
    Transition(Action.WITHDRAW, Status.DRAFT, Status.WITHDRAWN, MUNICIPAL),
    Transition(
        Action.WITHDRAW, Status.SUBMITTED, Status.WITHDRAWN, MUNICIPAL, (Audience.PREFECTURE,)
    ),
    Transition(
        Action.WITHDRAW, Status.RETURNED, Status.WITHDRAWN, MUNICIPAL, (Audience.PREFECTURE,)
    ),
    Transition(
        Action.RETURN, Status.SUBMITTED, Status.RETURNED, PREFECTURE, (Audience.MUNICIPALITY,), True
    ),
    Transition(
        Action.REJECT, Status.SUBMITTED, Status.REJECTED, PREFECTURE, (Audience.MUNICIPALITY,), True
    ),
    Transition(
        Action.APPROVE,
        Status.SUBMITTED,
        Status.APPROVED,
        PREFECTURE,
        (Audience.MUNICIPALITY, Audience.ADVISOR),
    ),
    Transition(
        Action.SCHEDULE,
        Status.APPROVED,
        Status.SCHEDULED,
        PREFECTURE,
        (Audience.MUNICIPALITY, Audience.ADVISOR),
    ),
    Transition(
        Action.REPORT, Status.SCHEDULED, Status.COMPLETED, ADVISOR, (Audience.MUNICIPALITY,)
    ),
)

WORKFLOW = Workflow(
    TRANSITIONS,
    refused=_("This is not possible for a request that is “%(status)s”."),
    not_permitted=_("You may not change this request."),
)
# The transition an action makes from a state (None if not allowed), and the
# transitions a user's role may make from a state (scope is checked separately,
# through DispatchRequest.objects.visible_to).
transition_for = WORKFLOW.transition_for
available_actions = WORKFLOW.available
