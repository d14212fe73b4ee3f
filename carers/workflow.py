"""The one shape of a workflow: a table of transitions.

A transition is (action, source state, target state, roles that may make it,
who is told, whether a comment is required). An app lists its transitions in
one table and wraps them in a ``Workflow``; its actions call ``step`` (which
refuses what the table does not allow, with a message for the user), its
templates ask ``available`` which buttons to show, and its tests enumerate
the table.
"""

from dataclasses import dataclass

from .errors import CONFLICT, FORBIDDEN, ActionError

__all__ = ["Transition", "Workflow"]


@dataclass(frozen=True)
class Transition:
    action: str
    source: str
    target: str
    roles: frozenset
    notify: tuple = ()
    comment_required: bool = False


class Workflow:
    """A transition table, one transition per (source state, action).

    ``refused`` is the message for an action the current state does not allow;
    it may use ``%(status)s`` (the state's label). ``not_permitted`` is the
    message for a user whose role may not make the transition."""

    def __init__(self, transitions, *, refused, not_permitted):
        self.transitions = tuple(transitions)
        self._by_key = {(t.source, t.action): t for t in self.transitions}
        if len(self._by_key) != len(self.transitions):
            raise ValueError("one transition per (source state, action)")
        self.refused = refused
        self.not_permitted = not_permitted

    def transition_for(self, status, action) -> Transition | None:
        """The transition ``action`` makes from ``status``, or None if not allowed."""
        return self._by_key.get((status, action))

    def available(self, user, status) -> list[Transition]:
        """Transitions this user's role may make from ``status`` (scope is
        checked separately, by the app's querysets)."""
        role = getattr(user, "role", None)
        return [t for t in self.transitions if t.source == status and role in t.roles]

    def sources(self, action) -> tuple:
        """The states from which ``action`` is possible."""
        return tuple(t.source for t in self.transitions if t.action == action)

    def step(self, status, action, *, by=None, status_label="") -> Transition:
        """The transition ``action`` makes from ``status``; an ActionError if
        the table has none or (with ``by``) the user's role may not make it."""
        transition = self.transition_for(status, action)
        if transition is None:
            raise ActionError(str(self.refused) % {"status": status_label or status}, code=CONFLICT)
        if by is not None and getattr(by, "role", None) not in transition.roles:
            raise ActionError(self.not_permitted, code=FORBIDDEN)
        return transition
