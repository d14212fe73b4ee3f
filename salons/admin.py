from django.contrib import admin

from .models import OutdatedReport, Registration, Salon, SalonEvent, Session, SessionRule


class SalonEventInline(admin.TabularInline):
    model = SalonEvent
    extra = 0
    can_delete = False
    readonly_fields = ("action", "actor", "comment", "created_at")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Salon)
class SalonAdmin(admin.ModelAdmin):
    """Status changes go through the review page (salons.actions), not here."""

    list_display = ("name", "municipality", "status", "last_confirmed_at", "is_featured", "is_demo")
    list_filter = ("status", "is_featured", "is_online")
    search_fields = ("name", "organising_body")
    readonly_fields = ("status", "pending_changes", "reviewed_by", "reviewed_at", "review_comment")
    raw_id_fields = ("organiser",)
    inlines = [SalonEventInline]


@admin.register(SessionRule)
class SessionRuleAdmin(admin.ModelAdmin):
    list_display = ("salon", "kind", "weekday", "nth", "start_time", "is_active")
    raw_id_fields = ("salon", "facilitator")


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ("salon", "starts_at", "status", "capacity", "is_online")
    list_filter = ("status", "is_online")
    readonly_fields = ("status", "cancelled_at", "reminder_sent_at")
    raw_id_fields = ("salon", "rule", "facilitator")


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("nickname", "session", "status", "created_at")
    list_filter = ("status",)
    readonly_fields = ("status", "token", "offered_until")
    raw_id_fields = ("session", "user")


@admin.register(OutdatedReport)
class OutdatedReportAdmin(admin.ModelAdmin):
    list_display = ("salon", "created_at", "resolved_at")
    raw_id_fields = ("salon", "reporter")
