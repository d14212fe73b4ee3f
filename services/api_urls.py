from django.urls import path

from portal.stub import placeholder

app_name = "hsds"
urlpatterns = [path("", placeholder, {"title": "HSDS"}, name="root")]
