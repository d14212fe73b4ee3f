from django.contrib import admin

from .models import Article, GuidePage, SelfCheckTally


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    """Read-mostly: staff write and publish through /awareness/manage/ (which
    applies the scope rules); the admin is for administrators' corrections."""

    list_display = (
        "title_ja",
        "slug",
        "status",
        "publish_at",
        "municipality",
        "is_demo",
        "content_edited",
    )
    list_filter = ("status", "is_demo", "content_edited")
    search_fields = ("title_ja", "title_en", "slug")
    raw_id_fields = ("municipality", "author", "updated_by")
    readonly_fields = ("status", "created_at", "updated_at")


@admin.register(GuidePage)
class GuidePageAdmin(admin.ModelAdmin):
    """The guide pages' texts (portal/content/pages/). A page changed here is
    kept as it is by load_content from then on."""

    list_display = ("key", "title_ja", "updated_at", "content_edited")
    readonly_fields = ("key", "updated_at", "content_edited")

    def has_add_permission(self, request):
        return False


@admin.register(SelfCheckTally)
class SelfCheckTallyAdmin(admin.ModelAdmin):
    list_display = ("month", "municipality", "sign_count")
    list_filter = ("month",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
