from django.urls import path

from portal.stub import placeholder

app_name = "services"
urlpatterns = [
    path("", placeholder, {"title": "公的支援・サービス"}, name="list"),
    path("guide/", placeholder, {"title": "サービス案内"}, name="guide"),
]
