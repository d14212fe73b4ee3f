from django.contrib import admin

from .models import (
    Location,
    Organization,
    Service,
    ServiceAtLocation,
    ServiceReport,
    Taxonomy,
    TaxonomyTerm,
)


class ServiceAtLocationInline(admin.TabularInline):
    model = ServiceAtLocation
    extra = 0
    autocomplete_fields = ["location"]


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name_ja", "scope", "status", "last_verified", "is_demo"]
    list_filter = ["scope", "status", "is_demo", "categories"]
    search_fields = ["name_ja", "name_en", "keywords"]
    filter_horizontal = ["categories", "municipalities"]
    readonly_fields = ["id", "search_text", "updated_by", "created_at", "updated_at"]
    inlines = [ServiceAtLocationInline]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name_ja", "name_en", "municipality", "is_demo"]
    search_fields = ["name_ja", "name_en"]


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["name_ja", "municipality", "postal_code"]
    search_fields = ["name_ja", "address_ja"]


@admin.register(TaxonomyTerm)
class TaxonomyTermAdmin(admin.ModelAdmin):
    list_display = ["code", "name_ja", "name_en", "order"]


admin.site.register(Taxonomy)


@admin.register(ServiceReport)
class ServiceReportAdmin(admin.ModelAdmin):
    list_display = ["service", "status", "created_at"]
    list_filter = ["status"]
    # Reports are resolved through the staff page (services.actions.report_resolve).
    readonly_fields = ["service", "message", "status", "created_at", "resolved_at", "resolved_by"]
