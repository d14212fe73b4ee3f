"""The shared kernel: what every other app builds on.

Public surface (other apps import these modules, and nothing else of carers):

- ``carers.policy``: the access policy (``scope_of``, ``ScopedQuerySet`` with
  ``visible_to``/``manageable_by``/``public``, the enforcing middleware);
- ``carers.access``: role checks for views (``role_required``, MFA for staff);
- ``carers.accounts``: the changes other apps may make to accounts;
- ``carers.api``: household case records (scoped reads, support plans), the
  registry of household tools, a user's own data;
- ``carers.models``: only the names in ``PUBLIC_MODEL_NAMES`` below
  (municipalities, users and roles, the outbox); the household models are
  private and reached through ``carers.api``;
- ``carers.outbox``: every email, written in the caller's transaction;
- ``carers.prefecture``, ``carers.municipalities``, ``carers.forms``
  (municipality fields): the prefecture and its municipalities;
- ``carers.errors``: the one refusal of every action (``ActionError``) and
  its view helper ``show_error``; ``carers.workflow``: the one shape of a
  workflow (``Transition``, ``Workflow``);
- ``carers.residence``: the resident's remembered municipality;
- ``carers.contentfiles``: content kept as data files (``ContentRow``, ``sync``);
- ``carers.text``, ``carers.dates``, ``carers.i18n``, ``carers.wording``:
  search normalisation, the fiscal year, bilingual fields, dates and times
  written for people (``format_when``);
- ``carers.caching``, ``carers.csvsafe``, ``carers.throttle``, ``carers.phones``,
  ``carers.urlcache`` (remembered ``reverse``, also behind every ``{% url %}``):
  small shared utilities;
- ``carers.demo``: the demo accounts other apps' demo data refer to;
- the template tags ``kizuki`` and ``form_errors`` (and ``urls``, a builtin).

Everything else (actions, views, records, the access log, case forms, tasks)
is this app's own. ``tests/test_dependencies.py`` holds every app to this.
"""

PUBLIC_MODULES = frozenset(
    {
        "policy",
        "access",
        "accounts",
        "api",
        "models",
        "outbox",
        "prefecture",
        "municipalities",
        "forms",
        "caching",
        "csvsafe",
        "throttle",
        "phones",
        "urlcache",
        "demo",
        "errors",
        "workflow",
        "residence",
        "contentfiles",
        "text",
        "dates",
        "i18n",
        "wording",
        "templatetags.kizuki",
        "templatetags.form_errors",
        "templatetags.urls",
    }
)

PUBLIC_MODEL_NAMES = frozenset(
    {
        "Municipality",
        "is_valid_local_government_code",
        "jis_check_digit",
        "User",
        "Role",
        "STAFF_ROLES",
        "CareLevel",
        "choice_labels",
        "OutboundEmail",
    }
)
