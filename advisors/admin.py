from django.contrib import admin

from .models import Advisor, DispatchRequest, RequestEvent


@admin.register(Advisor)
class AdvisorAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "user__email")
    filter_horizontal = ("areas",)


class RequestEventInline(admin.TabularInline):
    model = RequestEvent
    extra = 0
    can_delete = False
    readonly_fields = ("at", "actor_label", "action", "from_status", "to_status", "comment")
    exclude = ("actor",)

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(DispatchRequest)
class DispatchRequestAdmin(admin.ModelAdmin):
    """Read-only: states change only through the workflow (advisors.actions)."""

    list_display = ("pk", "municipality", "status", "submitted_at", "advisor", "dispatch_date")
    list_filter = ("status",)
    search_fields = ("municipality__name", "municipality__code")
    inlines = [RequestEventInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
