from django.urls import path

from . import views

app_name = "salons"
urlpatterns = [
    path("", views.salon_list, name="list"),
    path("calendar.ics", views.calendar_feed, name="calendar"),
    path("<int:pk>/", views.salon_detail, name="detail"),
    path("<int:pk>/calendar.ics", views.salon_calendar, name="salon_calendar"),
    path("<int:pk>/report/", views.salon_report, name="report"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("sessions/<int:pk>/join/", views.session_join, name="join"),
    path("sessions/<int:pk>/guest/", views.guest_join, name="guest_join"),
    path("guest/confirm/<str:token>/", views.guest_confirm, name="guest_confirm"),
    path("signups/", views.my_registrations, name="my_registrations"),
    path("signups/<uuid:token>/", views.registration_detail, name="registration"),
    path("signups/<uuid:token>/cancel/", views.registration_cancel, name="registration_cancel"),
    path("signups/<uuid:token>/accept/", views.registration_accept, name="registration_accept"),
    # organisers and staff
    path("manage/", views.manage, name="manage"),
    path("manage/become-organiser/", views.become_organiser, name="become_organiser"),
    path("manage/new/", views.salon_create, name="create"),
    path("manage/<int:pk>/", views.manage_detail, name="manage_detail"),
    path("manage/<int:pk>/edit/", views.salon_edit, name="edit"),
    path("manage/<int:pk>/review/", views.salon_review, name="review"),
    path("manage/<int:pk>/confirm/", views.salon_confirm, name="confirm"),
    path("manage/<int:pk>/sessions/new/", views.session_create, name="session_create"),
    path("manage/<int:pk>/schedules/new/", views.rule_create, name="rule_create"),
    path("manage/sessions/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("manage/sessions/<int:pk>/move/", views.session_move, name="session_move"),
    path("manage/schedules/<int:pk>/stop/", views.rule_stop, name="rule_stop"),
    path("manage/sessions/<int:pk>/cancel/", views.session_cancel, name="session_cancel"),
    path(
        "manage/sessions/<int:pk>/participants/",
        views.session_participants,
        name="session_participants",
    ),
    path(
        "manage/sessions/<int:pk>/participants.csv", views.participants_csv, name="participants_csv"
    ),
    path("confirm/<int:pk>/<str:token>/", views.salon_confirm_link, name="confirm_link"),
]
