"""Open data, mounted at /opendata/ (and /en/opendata/). File paths are
/opendata/<local government code>/<dataset><ending>, e.g.
/opendata/010006/events.csv (the whole prefecture) or
/opendata/011002/care_services-cp932.csv (one municipality)."""

from django.urls import path

from . import views

app_name = "opendata"
urlpatterns = [
    path("", views.index, name="index"),
    path("catalog.jsonld", views.catalog, name="catalog"),
    path("<str:code>/<str:filename>", views.download, name="file"),
]
