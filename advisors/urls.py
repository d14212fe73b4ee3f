from django.urls import path

from . import views

app_name = "advisors"
urlpatterns = [
    path("requests/", views.request_list, name="request_list"),
    path("requests/new/", views.request_create, name="request_create"),
    path("requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("requests/<int:pk>/edit/", views.request_edit, name="request_edit"),
    # Before the catch-all action path below.
    path(
        "requests/<int:pk>/public-event/",
        views.request_public_event,
        name="request_public_event",
    ),
    path("requests/<int:pk>/<slug:action>/", views.request_action, name="request_action"),
    path("roster/", views.advisor_list, name="advisor_list"),
    path("roster/new/", views.advisor_edit, name="advisor_create"),
    path("roster/<int:pk>/", views.advisor_edit, name="advisor_edit"),
    path("figures/", views.figures_page, name="figures"),
    path("figures.csv", views.figures_csv, name="figures_csv"),
]
