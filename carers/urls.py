from django.urls import path

from portal.stub import placeholder

app_name = "carers"
urlpatterns = [path("", placeholder, {"title": "世帯・ケアラー記録"}, name="household_list")]
