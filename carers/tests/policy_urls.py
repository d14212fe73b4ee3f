"""Views for carers/tests/test_policy.py: each reads households one way."""

from django.http import HttpResponse
from django.urls import path

from carers.models import Household, Municipality


def _count(qs):
    return HttpResponse(str(qs.count()))


urlpatterns = [
    path("forgot/", lambda request: _count(Household.objects.all())),
    path("filtered/", lambda request: _count(Household.objects.filter(status="open"))),
    path("visible/", lambda request: _count(Household.objects.visible_to(request.user))),
    path("manageable/", lambda request: _count(Household.objects.manageable_by(request.user))),
    path("opted-out/", lambda request: _count(Household.objects.unscoped())),
    path(
        "via-municipality/",
        lambda request: _count(Municipality.objects.get(pk=request.GET["code"]).households.all()),
    ),
    path(
        "via-household/",
        lambda request: _count(
            Household.objects.visible_to(request.user).get().consultations.all()
        ),
    ),
]
