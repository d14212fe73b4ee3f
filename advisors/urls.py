from django.urls import path

from portal.stub import placeholder

app_name = "advisors"
urlpatterns = [path("requests/", placeholder, {"title": "アドバイザー派遣"}, name="request_list")]
