"""The list: the prefecture's review queue (oldest first, with age, filters,
pagination) and the municipality's own list."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from advisors.workflow import Status

ROW = re.compile(r'href="/en/advisors/requests/\d+/"')


@pytest.mark.django_db
def test_queue_is_submitted_oldest_first(
    client_for, prefecture_staff, make_request, other_municipality_staff
):
    newer = make_request(submitted_at=timezone.now() - timedelta(days=1))
    older = make_request(
        submitted_at=timezone.now() - timedelta(days=9), created_by=other_municipality_staff
    )
    make_request(status=Status.APPROVED)
    body = client_for(prefecture_staff).get("/en/advisors/requests/").content.decode()
    assert body.index(f">#{older.pk}<") < body.index(f">#{newer.pk}<")
    assert "waiting 9 days" in body
    assert len(ROW.findall(body)) == 2


@pytest.mark.django_db
def test_filters(client_for, prefecture_staff, make_request, other_municipality_staff):
    sapporo = make_request(menu_items=["salon"])
    hakodate = make_request(created_by=other_municipality_staff, menu_items=["survey"])
    approved = make_request(status=Status.APPROVED)
    client = client_for(prefecture_staff)
    body = client.get(
        "/en/advisors/requests/", {"status": "", "municipality": "012025"}
    ).content.decode()
    assert f">#{hakodate.pk}<" in body and f">#{sapporo.pk}<" not in body
    body = client.get(
        "/en/advisors/requests/", {"status": "submitted", "menu_item": "salon"}
    ).content.decode()
    assert f">#{sapporo.pk}<" in body and f">#{hakodate.pk}<" not in body
    body = client.get("/en/advisors/requests/", {"status": "approved"}).content.decode()
    assert f">#{approved.pk}<" in body and f">#{sapporo.pk}<" not in body
    body = client.get("/en/advisors/requests/", {"municipality": "01100"}).content.decode()
    assert "Choose a municipality from the list." in body
    assert (
        '<option value="012025">Hakodate-shi</option>' in body
    )  # a list to choose from, not a code to type


@pytest.mark.django_db
def test_pagination_and_query_count(
    client_for, prefecture_staff, make_request, django_assert_max_num_queries
):
    for _ in range(30):
        make_request()
    client = client_for(prefecture_staff)
    with django_assert_max_num_queries(12):
        first = client.get("/en/advisors/requests/")
    assert len(ROW.findall(first.content.decode())) == 25
    second = client.get(
        "/en/advisors/requests/", {"status": "submitted", "page": 2}
    ).content.decode()
    assert len(ROW.findall(second)) == 5


@pytest.mark.django_db
def test_municipality_list_and_empty_state(
    client_for, municipal_staff, other_municipality_staff, make_request
):
    mine = make_request(status=Status.DRAFT)
    body = client_for(municipal_staff).get("/en/advisors/requests/").content.decode()
    assert f">#{mine.pk}<" in body and "New request" in body
    body = client_for(other_municipality_staff).get("/en/advisors/requests/").content.decode()
    assert f">#{mine.pk}<" not in body and "No requests yet" in body


@pytest.mark.django_db
def test_detail_shows_buttons_from_the_workflow_and_the_timeline(
    client_for, prefecture_staff, municipal_staff, make_request
):
    from advisors import actions

    dispatch = make_request(status=Status.DRAFT)
    actions.request_submit(dispatch=dispatch, by=municipal_staff, comment="Please consider")
    body = (
        client_for(prefecture_staff).get(f"/en/advisors/requests/{dispatch.pk}/").content.decode()
    )
    for action in ("approve", "return", "reject"):
        assert f"/requests/{dispatch.pk}/{action}/" in body
    assert f"/requests/{dispatch.pk}/withdraw/" not in body
    assert "Draft → Submitted" in body and "Please consider" in body
    body = client_for(municipal_staff).get(f"/en/advisors/requests/{dispatch.pk}/").content.decode()
    assert (
        f"/requests/{dispatch.pk}/withdraw/" in body
        and f"/requests/{dispatch.pk}/approve/" not in body
    )


@pytest.mark.django_db
def test_japanese_status_labels_are_the_dispatch_ones(client_for, municipal_staff, make_request):
    make_request(status=Status.SCHEDULED)
    make_request(status=Status.APPROVED)
    body = client_for(municipal_staff).get("/advisors/requests/").content.decode()
    assert "日程確定" in body and "承認済み" in body
    assert "開催予定" not in body  # the salons' word for a scheduled session
