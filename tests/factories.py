"""factory-boy factories for the shared model (carers). App tests build their
own records through their actions, so the workflows' guards are exercised."""

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP

from carers.models import Municipality, Role, User

TEST_PASSWORD = "correct-horse-battery-staple"
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


class UserFactory(factory.django.DjangoModelFactory):
    """A verified account. ``mfa=True`` also sets up TOTP with TEST_TOTP_SECRET."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.jp")
    role = Role.REGISTERED
    display_name = ""
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    class Params:
        municipality_code = None

    municipality = factory.LazyAttribute(
        lambda o: (
            Municipality.objects.get(code=o.municipality_code) if o.municipality_code else None
        )
    )

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        obj.save()
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)

    @factory.post_generation
    def mfa(obj, create, extracted, **kwargs):
        if create and extracted:
            TOTP.activate(obj, TEST_TOTP_SECRET)


class StaffFactory(UserFactory):
    """Staff have TOTP set up unless ``mfa=False`` is passed."""

    @factory.post_generation
    def mfa(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            TOTP.activate(obj, TEST_TOTP_SECRET)


class MunicipalStaffFactory(StaffFactory):
    role = Role.MUNICIPAL_STAFF
    municipality_code = "011002"


class PrefectureStaffFactory(StaffFactory):
    role = Role.PREFECTURE_STAFF
