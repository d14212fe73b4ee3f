import pytest

from advisors import demo
from advisors.models import Advisor, DispatchRequest
from advisors.workflow import Status
from carers import demo as carers_demo


@pytest.mark.django_db
def test_demo_data_loads_twice_and_is_removed():
    accounts = carers_demo.load_accounts()
    demo.load(accounts)
    demo.load(accounts)
    assert Advisor.objects.get().user == accounts["advisor"]
    statuses = set(DispatchRequest.objects.values_list("status", flat=True))
    assert statuses == {Status.SUBMITTED, Status.SCHEDULED, Status.COMPLETED}
    assert set(DispatchRequest.objects.values_list("municipality_id", flat=True)) == {"011002"}
    assert DispatchRequest.objects.visible_to(accounts["advisor"]).count() == 2
    demo.remove()
    assert not DispatchRequest.objects.exists() and not Advisor.objects.exists()
