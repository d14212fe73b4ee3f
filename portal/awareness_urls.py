from django.urls import path

from portal.stub import placeholder

app_name = "awareness"
urlpatterns = [
    path("", placeholder, {"title": "気づき・啓発"}, name="list"),
    path("check/", placeholder, {"title": "気づきチェック"}, name="check"),
    path("work-and-care/", placeholder, {"title": "仕事と介護の両立"}, name="work_and_care"),
]
