from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import (
    AccessLogEntry,
    AuditGrant,
    Household,
    Municipality,
    OutboundEmail,
    PurgeRecord,
    User,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "role", "municipality", "is_active", "is_staff"]
    list_filter = ["role", "is_active", "is_staff"]
    search_fields = ["email"]
    autocomplete_fields = ["municipality"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("display_name", "language")}),
        (_("Role and scope"), {"fields": ("role", "municipality")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "role", "municipality", "password1", "password2"),
            },
        ),
    )


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "prefecture", "name", "is_prefecture"]
    list_filter = ["is_prefecture", "prefecture"]
    search_fields = ["code", "name", "name_kana", "prefecture"]


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    """Read-only: statuses change only through carers.outbox."""

    list_display = ["created_at", "template", "status", "attempts", "last_error"]
    list_filter = ["status", "template"]
    # The body of a pending allauth email holds a one-time link: not shown.
    exclude = ["body"]
    readonly_fields = [f.name for f in OutboundEmail._meta.fields if f.name != "body"]
    actions = ["send_again"]

    @admin.action(description=_("Send again (perhaps sent or failed emails)"))
    def send_again(self, request, queryset):
        from .outbox import resend

        count = resend(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d email will be sent again.", "%(count)d emails will be sent again.", count
            )
            % {"count": count},
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# --- Case records: superusers only; lists show nothing personal. ---------------------------


class SuperuserOnlyAdmin(admin.ModelAdmin):
    """Case data is sensitive: only superusers see these in the admin, whatever
    model permissions a staff account was given."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Household)
class HouseholdAdmin(SuperuserOnlyAdmin):
    """Read-only and non-personal: changes go through the case pages (consent,
    access log). The admin is for finding a household to grant an audit."""

    list_display = ["public_id", "municipality", "status", "is_restricted", "created_at"]
    list_filter = ["status", "is_restricted"]
    search_fields = ["public_id"]
    fields = [
        "public_id",
        "municipality",
        "status",
        "closed_at",
        "is_restricted",
        "created_at",
        "updated_at",
        "version",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("municipality")


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(SuperuserOnlyAdmin):
    list_display = [
        "at",
        "actor_label",
        "household_public_id",
        "municipality_code",
        "action",
        "via_audit_grant",
    ]
    list_filter = ["action", "via_audit_grant"]
    search_fields = ["household_public_id", "actor_label"]
    readonly_fields = [f.name for f in AccessLogEntry._meta.fields]


@admin.register(PurgeRecord)
class PurgeRecordAdmin(SuperuserOnlyAdmin):
    list_display = ["ran_at", "purged_count", "retention_days"]
    readonly_fields = ["ran_at", "purged_count", "retention_days"]


@admin.register(AuditGrant)
class AuditGrantAdmin(SuperuserOnlyAdmin):
    """Case-by-case audit access, granted by a superuser; read-only access while valid."""

    list_display = ["user", "household", "expires_at", "granted_by", "created_at"]
    list_select_related = ["user", "household", "granted_by"]
    fields = ["user", "household", "reason", "expires_at"]
    raw_id_fields = ["household"]
    autocomplete_fields = ["user"]

    def has_add_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def save_model(self, request, obj, form, change):
        if not change:
            obj.granted_by = request.user
        super().save_model(request, obj, form, change)
