from django.urls import path

from portal.stub import placeholder

urlpatterns = [path("", placeholder, {"title": "ダッシュボード"}, name="dashboard")]
