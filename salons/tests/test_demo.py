import pytest

from carers import demo as carers_demo
from salons import demo
from salons.models import Salon, Session

pytestmark = pytest.mark.django_db


def test_demo_loads_twice_and_removes():
    accounts = carers_demo.load_accounts()
    demo.load(accounts)
    counts = (Salon.objects.count(), Session.objects.count())
    demo.load(accounts)
    assert (Salon.objects.count(), Session.objects.count()) == counts
    featured = Salon.objects.get(is_featured=True)
    assert featured.is_online and featured.rules.get().nth == 3
    assert {s.municipality.name for s in Salon.objects.exclude(municipality=None)} == {
        "札幌市",
        "函館市",
    }
    assert all(s.is_demo for s in Salon.objects.all())
    demo.remove()
    assert not Salon.objects.exists()
