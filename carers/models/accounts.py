"""Accounts and roles."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .municipalities import Municipality


class Role(models.TextChoices):
    REGISTERED = "registered", _("Registered user")
    ORGANISER = "organiser", _("Salon organiser")
    MUNICIPAL_STAFF = "municipal_staff", _("Municipal staff")
    PREFECTURE_STAFF = "prefecture_staff", _("Prefecture staff")
    ADVISOR = "advisor", _("Advisor")


STAFF_ROLES = frozenset({Role.MUNICIPAL_STAFF, Role.PREFECTURE_STAFF, Role.ADVISOR})


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """An account. The email address is the login; the role decides the scope."""

    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(_("display name"), max_length=80, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.REGISTERED)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        help_text=_("Required for municipal staff: the municipality whose records they may see."),
    )
    language = models.CharField(
        _("language for emails"), max_length=5, choices=settings.LANGUAGES, default="ja"
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("Django admin access"), default=False, help_text=_("Can open the Django admin.")
    )
    is_demo = models.BooleanField(default=False, editable=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                name="municipal_staff_has_municipality",
                condition=~models.Q(role="municipal_staff") | models.Q(municipality__isnull=False),
            )
        ]

    def __str__(self):
        return self.display_name or self.email

    def get_short_name(self):
        return self.display_name or self.email.split("@")[0]

    @property
    def is_municipal_staff(self):
        return self.role == Role.MUNICIPAL_STAFF

    @property
    def is_prefecture_staff(self):
        return self.role == Role.PREFECTURE_STAFF

    @property
    def is_advisor(self):
        return self.role == Role.ADVISOR

    @property
    def is_organiser(self):
        return self.role == Role.ORGANISER

    @property
    def has_staff_role(self):
        return self.role in STAFF_ROLES
