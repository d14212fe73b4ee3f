"""The salon moderation workflow, defined once: which action moves a salon
from which state to which, and who may take it. ``salons.actions`` enforces
it, the staff list asks it what is waiting for review, the tests enumerate it.

- pending: a new salon waiting for staff approval (not public).
- returned: sent back to the organiser with a comment (not public).
- published: public.
- changes_pending: public as approved; the organiser's changes to public
  facts wait in ``pending_changes`` for approval.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from carers.models import Role
from carers.workflow import Transition, Workflow

from .models.choices import SalonStatus


class SalonAction(models.TextChoices):
    RESUBMIT = "resubmit"
    PROPOSE_CHANGES = "propose_changes"
    # The organiser set every proposed field back to its published value.
    WITHDRAW_CHANGES = "withdraw_changes"
    APPROVE = "approve"
    RETURN = "return"


ORGANISER = frozenset({Role.ORGANISER})
REVIEWERS = frozenset({Role.MUNICIPAL_STAFF, Role.PREFECTURE_STAFF})

Status = SalonStatus
TRANSITIONS = (
    Transition(SalonAction.RESUBMIT, Status.RETURNED, Status.PENDING, ORGANISER),
    Transition(SalonAction.PROPOSE_CHANGES, Status.PUBLISHED, Status.CHANGES_PENDING, ORGANISER),
    Transition(
        SalonAction.PROPOSE_CHANGES, Status.CHANGES_PENDING, Status.CHANGES_PENDING, ORGANISER
    ),
    Transition(SalonAction.WITHDRAW_CHANGES, Status.CHANGES_PENDING, Status.PUBLISHED, ORGANISER),
    Transition(SalonAction.APPROVE, Status.PENDING, Status.PUBLISHED, REVIEWERS),
    Transition(SalonAction.APPROVE, Status.CHANGES_PENDING, Status.PUBLISHED, REVIEWERS),
    Transition(
        SalonAction.RETURN, Status.PENDING, Status.RETURNED, REVIEWERS, comment_required=True
    ),
    # Returned changes are dropped; the published version stays as it was.
    Transition(
        SalonAction.RETURN,
        Status.CHANGES_PENDING,
        Status.PUBLISHED,
        REVIEWERS,
        comment_required=True,
    ),
)

SALON_WORKFLOW = Workflow(
    TRANSITIONS,
    refused=_("This salon cannot be changed that way in its current state."),
    not_permitted=_("You cannot change this salon that way."),
)

# What staff review: the states an approval starts from.
REVIEWABLE_STATUSES = SALON_WORKFLOW.sources(SalonAction.APPROVE)
