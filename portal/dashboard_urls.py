from django.urls import path

from portal.coverage import coverage, coverage_csv
from portal.dashboard import dashboard

urlpatterns = [
    path("", dashboard, name="dashboard"),
    path("coverage/", coverage, name="coverage"),
    path("coverage/coverage.csv", coverage_csv, name="coverage_csv"),
]
