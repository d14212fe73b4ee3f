from django.urls import path

from portal.stub import placeholder

app_name = "salons"
urlpatterns = [path("", placeholder, {"title": "サロン・カフェ"}, name="list")]
