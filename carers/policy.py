"""The access policy: who may read and who may change which rows.

One function decides a user's scope from their role (``scope_of``); every
scoped model's QuerySet derives from ``ScopedQuerySet`` and answers the same
two questions with it:

- ``Model.objects.visible_to(user)``: the rows ``user`` may read;
- ``Model.objects.manageable_by(user)``: the rows ``user`` may change;
- ``Model.objects.public()``: what ``visible_to`` answers a visitor (public
  pages list only these, whoever is signed in).

Enforced, not by convention: while a view runs (``PolicyMiddleware``), reading
a scoped model through a QuerySet that went through neither method raises
``UnscopedQuery`` (a 500 in development, a failing test in the suite). Code
that legitimately reads everything says so with ``.unscoped()``; rows reached
from an instance already obtained through the policy (``salon.sessions.all()``,
prefetches) count as scoped; rows reached from an unscoped model
(``municipality.households.all()``) do not. Management commands, Celery tasks and tests run
outside a request and are not checked. The Django admin (superusers, its own
permission system) is exempt.
"""

from __future__ import annotations

import enum
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import models

_enforcing: ContextVar[bool] = ContextVar("policy_enforcing", default=False)


class Audience(enum.Enum):
    """The scopes the roles map to."""

    PUBLIC = "public"  # visitors and registered users: public rows, their own
    ORGANISER = "organiser"  # their own salons
    MUNICIPAL = "municipal"  # everything of one municipality
    PREFECTURE = "prefecture"  # everything of the prefecture
    ADVISOR = "advisor"  # their own assignments


@dataclass(frozen=True)
class Scope:
    audience: Audience
    user: object | None = None  # the signed-in user; None for a visitor
    municipality_id: str | None = None  # set for MUNICIPAL only

    @property
    def is_staff(self) -> bool:
        return self.audience in (Audience.MUNICIPAL, Audience.PREFECTURE, Audience.ADVISOR)

    @property
    def is_public_body(self) -> bool:
        """Municipal or prefecture staff (the bodies that run the portal)."""
        return self.audience in (Audience.MUNICIPAL, Audience.PREFECTURE)


# carers.models.Role values (imported by value: carers.models builds on this module).
_ROLE_AUDIENCE = {
    "organiser": Audience.ORGANISER,
    "municipal_staff": Audience.MUNICIPAL,
    "prefecture_staff": Audience.PREFECTURE,
    "advisor": Audience.ADVISOR,
}


def scope_of(user) -> Scope:
    """The one role-to-scope decision. Superusers are scoped by their role
    like anyone else; only the Django admin shows them everything."""
    if user is None or not user.is_authenticated:
        return Scope(Audience.PUBLIC)
    audience = _ROLE_AUDIENCE.get(user.role, Audience.PUBLIC)
    if audience is Audience.MUNICIPAL:
        if not user.municipality_id:  # impossible by a constraint; never "all"
            return Scope(Audience.PUBLIC, user)
        return Scope(audience, user, user.municipality_id)
    return Scope(audience, user)


def _is_scoped_row(instance) -> bool:
    """A row of a scoped model: its own read went through the policy (or it
    was reached from one that did). Rows of unscoped models (a municipality,
    a user) lead to nothing scoped: ``municipality.households`` is refused."""
    if instance is None:
        return False
    queryset_class = getattr(type(instance)._default_manager, "_queryset_class", None)
    return queryset_class is not None and issubclass(queryset_class, ScopedQuerySet)


class UnscopedQuery(RuntimeError):
    """A view read a scoped model without visible_to()/manageable_by()."""


class ScopedQuerySet(models.QuerySet):
    """Base of every scoped model's QuerySet. Subclasses define ``_visible``
    and ``_manageable``: given a ``Scope``, the rows of that scope (usually a
    ``match scope.audience``)."""

    _policy_scoped = False

    # -- the policy ---------------------------------------------------------

    def visible_to(self, user):
        return self.for_scope(scope_of(user))

    def manageable_by(self, user):
        return self.for_scope(scope_of(user), manage=True)

    def for_scope(self, scope: Scope, *, manage=False):
        """The rows of an already computed scope (one model's policy built on
        another's: reports on the services one manages)."""
        rows = self._manageable(scope) if manage else self._visible(scope)
        return rows._mark_scoped()

    def get_manageable(self, user, **lookup):
        """For actions: the row if ``user`` may change it, PermissionDenied
        otherwise (views have scoped already and answer 404; this is the
        action's own check, so no caller can skip it)."""
        try:
            return self.manageable_by(user).get(**lookup)
        except self.model.DoesNotExist:
            raise PermissionDenied(
                f"This account may not change this {self.model.__name__}."
            ) from None

    def public(self):
        """What anyone may read, a visitor included (``visible_to`` a visitor):
        public pages list these even for a signed-in user."""
        return self.for_scope(Scope(Audience.PUBLIC))

    def unscoped(self):
        """Explicit opt-out: every row (public listings that filter by their
        own public criteria, figures, feeds). Grep for it when reviewing."""
        return self._chain()._mark_scoped()

    def _visible(self, scope: Scope):
        raise NotImplementedError

    def _manageable(self, scope: Scope):
        raise NotImplementedError

    # -- enforcement --------------------------------------------------------

    def _mark_scoped(self):
        self._policy_scoped = True
        return self

    def _clone(self):
        clone = super()._clone()
        clone._policy_scoped = self._policy_scoped
        return clone

    def _check_scoped(self):
        if self._policy_scoped or not _enforcing.get():
            return
        if _is_scoped_row(self._hints.get("instance")):
            return  # reached from a scoped row (salon.sessions.all(), a prefetch)
        raise UnscopedQuery(
            f"{self.model.__name__} was read in a request without "
            f"visible_to()/manageable_by() (or an explicit .unscoped())"
        )

    def _fetch_all(self):
        if self._result_cache is None:
            self._check_scoped()
        super()._fetch_all()

    def iterator(self, *args, **kwargs):
        self._check_scoped()
        return super().iterator(*args, **kwargs)

    def count(self):
        if self._result_cache is None:
            self._check_scoped()
        return super().count()

    def exists(self):
        if self._result_cache is None:
            self._check_scoped()
        return super().exists()

    def aggregate(self, *args, **kwargs):
        self._check_scoped()
        return super().aggregate(*args, **kwargs)


class ScopedModel(models.Model):
    """Base of scoped models: Django's own uniqueness and constraint checks
    (run by model forms) look at every row, which is theirs to do."""

    class Meta:
        abstract = True

    def validate_unique(self, exclude=None):
        with enforcing(False):
            super().validate_unique(exclude=exclude)

    def validate_constraints(self, exclude=None):
        with enforcing(False):
            super().validate_constraints(exclude=exclude)


@contextmanager
def enforcing(on: bool = True):
    """Turn the check on (what PolicyMiddleware does around a view) or off."""
    token = _enforcing.set(on)
    try:
        yield
    finally:
        _enforcing.reset(token)


def is_enforcing() -> bool:
    return _enforcing.get()


class PolicyMiddleware:
    """Checks every query on a scoped model while a view runs (and its
    template renders). The Django admin has its own permissions and is exempt."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _enforcing.set(False)
        try:
            return self.get_response(request)
        finally:
            _enforcing.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        if match is None or "admin" not in match.namespaces:
            _enforcing.set(True)
        return None
