from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from django.views.static import serve

from portal import (
    furigana,
    health,
    mydata,
    mywork,
    residence,
    sitepages,
    sitesearch,
    staff,
    talknow,
    views,
)

# The Django admin signs in through allauth's login (rate limits, MFA).
admin.autodiscover()
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Kizuki"

handler403 = "portal.views.error_403"
handler404 = "portal.views.error_404"
handler500 = "portal.views.error_500"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("furigana/", furigana.switch, name="furigana_switch"),
    path("api/hsds/", include("services.api_urls")),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("awareness/", include("portal.awareness_urls")),
    path("dashboard/", include("portal.dashboard_urls")),
    path("staff/invite/", staff.invite, name="staff_invite"),
    path("my-work/", mywork.my_work, name="my_work"),
    path("salons/", include("salons.urls")),
    path("services/", include("services.urls")),
    path("advisors/", include("advisors.urls")),
    path("cases/", include("carers.urls")),
    path("opendata/", include("opendata.urls")),
    path("accounts/", include("allauth.urls")),
    path("municipality/", residence.choose, name="resident_municipality"),
    path("search/", sitesearch.site_search, name="site_search"),
    path("talk-now/", talknow.talk_now, name="talk_now"),
    path("my-data/", mydata.overview, name="my_data"),
    path("my-data/download.json", mydata.download, name="my_data_download"),
    path("my-data/delete/", mydata.delete, name="my_data_delete"),
    path("privacy/", sitepages.show, {"key": "privacy"}, name="privacy"),
    path("terms/", sitepages.show, {"key": "terms"}, name="terms"),
    path("accessibility/", sitepages.show, {"key": "accessibility"}, name="accessibility"),
    path("contact/", sitepages.show, {"key": "contact"}, name="contact"),
    path("pages/<str:key>/edit/", sitepages.edit, name="site_page_edit"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    prefix_default_language=False,
)

# Uploaded photos (salons, articles) are public by design; served by Django so
# the one-container deployment needs no separate file server.
urlpatterns += [
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
]
