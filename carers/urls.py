"""Household case records (/cases/). Households are named in URLs only by
their opaque public_id (a UUID)."""

from django.urls import path

from . import views

app_name = "carers"
urlpatterns = [
    path("", views.household_list, name="household_list"),
    path("new/", views.household_create, name="household_create"),
    path("audits/", views.audit_list, name="audit_list"),
    path("<uuid:public_id>/", views.household_detail, name="household_detail"),
    path("<uuid:public_id>/edit/", views.household_edit, name="household_edit"),
    path("<uuid:public_id>/consultations/new/", views.consultation_add, name="consultation_add"),
    path("<uuid:public_id>/follow-up/", views.follow_up_set, name="follow_up_set"),
    path("<uuid:public_id>/consent/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("<uuid:public_id>/close/", views.household_close, name="household_close"),
    path("<uuid:public_id>/delete/", views.household_delete, name="household_delete"),
    path("<uuid:public_id>/export.json", views.household_export_json, name="household_export_json"),
    path("<uuid:public_id>/print/", views.household_print, name="household_print"),
    path("<uuid:public_id>/log/", views.household_access_log, name="household_access_log"),
]
