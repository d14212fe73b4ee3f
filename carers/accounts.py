"""Changes to accounts (carers.User) that other apps ask for. The kernel owns
the User model: no other app writes it directly."""

from django.db import transaction

from .models import Role, User


def organiser_role_grant(*, user) -> User:
    """A registered user becomes a salon organiser (an organiser stays one).
    Callers refuse other roles first, with their own message."""
    if user.role == Role.ORGANISER:
        return user
    if user.role != Role.REGISTERED:
        raise ValueError("Only a registered user can become an organiser.")
    user.role = Role.ORGANISER
    user.save(update_fields=["role"])
    return user


@transaction.atomic
def staff_account_create(*, email, display_name, role, municipality, language) -> User:
    """A staff account without a usable password, its address recorded as not
    yet verified (the invitation's link sets the password)."""
    from allauth.account.models import EmailAddress

    user = User.objects.create_user(
        email=email,
        password=None,
        role=role,
        municipality=municipality,
        display_name=display_name,
        language=language,
    )
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    return user
