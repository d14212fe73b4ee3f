from django.urls import path

from portal.dashboard import dashboard

urlpatterns = [path("", dashboard, name="dashboard")]
