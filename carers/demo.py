"""Demo accounts, one per role. Idempotent; everything is marked ``is_demo``."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

from .models import Municipality, Role, User
from .prefecture import prefecture

DEMO_PASSWORD = "kizuki-demo-2026"
# Shared TOTP secret of the demo staff accounts. `python manage.py demo_totp`
# prints the current code. Demo only: never enable demo data in production.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPKIZUKIDEMO234567"
DEMO_MUNICIPALITY = "011002"  # 札幌市
DEMO_OTHER_MUNICIPALITY = "012025"  # 函館市

ACCOUNTS = {
    # key: (email, role, municipality code, display name, superuser)
    "admin": ("admin@demo.kizuki.example.jp", Role.REGISTERED, None, "管理者", True),
    "prefecture_staff": (
        "pref@demo.kizuki.example.jp",
        Role.PREFECTURE_STAFF,
        None,
        f"{prefecture().gov_ja} 担当",
        False,
    ),
    "municipal_staff": (
        "sapporo@demo.kizuki.example.jp",
        Role.MUNICIPAL_STAFF,
        DEMO_MUNICIPALITY,
        "札幌市 担当",
        False,
    ),
    "other_municipal_staff": (
        "hakodate@demo.kizuki.example.jp",
        Role.MUNICIPAL_STAFF,
        DEMO_OTHER_MUNICIPALITY,
        "函館市 担当",
        False,
    ),
    "advisor": (
        "advisor@demo.kizuki.example.jp",
        Role.ADVISOR,
        None,
        "ケアラー支援アドバイザー",
        False,
    ),
    "organiser": ("organiser@demo.kizuki.example.jp", Role.ORGANISER, None, "サロン運営者", False),
    "resident": ("resident@demo.kizuki.example.jp", Role.REGISTERED, None, "ひまわり", False),
}


def load_accounts() -> dict:
    accounts = {}
    for key, (email, role, code, name, superuser) in ACCOUNTS.items():
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=DEMO_PASSWORD,
                role=role,
                municipality=Municipality.objects.filter(code=code).first() if code else None,
                display_name=name,
                is_staff=superuser,
                is_superuser=superuser,
                is_demo=True,
            )
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if (
            role in (Role.MUNICIPAL_STAFF, Role.PREFECTURE_STAFF, Role.ADVISOR) or superuser
        ) and not (Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()):
            TOTP.activate(user, DEMO_TOTP_SECRET)
        accounts[key] = user
    return accounts


def remove_accounts() -> int:
    deleted, _ = User.objects.filter(is_demo=True).delete()
    return deleted
