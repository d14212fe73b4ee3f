import re

import pytest

from conftest import make_user
from salons import actions

from .conftest import make_session

pytestmark = pytest.mark.django_db


def test_detail_page_queries_do_not_grow_with_sessions(
    client_for, online_salon, django_assert_max_num_queries
):
    for day in range(1, 11):
        make_session(
            online_salon,
            days=day,
            is_online=True,
            meeting_url="https://meet.example.jp/x",
            capacity=5,
        )
    c = client_for(make_user("viewer@example.jp"))
    with django_assert_max_num_queries(8):
        response = c.get(f"/salons/{online_salon.pk}/")
    assert len(response.context["sessions"]) == 10


def test_detail_shows_own_signup_status_and_join_buttons(client_for, visitor, session, resident):
    actions.session_join(session=session, by=resident)
    mine = client_for(resident).get(f"/salons/{session.salon_id}/").content.decode()
    assert "/salons/signups/" in mine
    anonymous = visitor.get(f"/salons/{session.salon_id}/").content.decode()
    assert f"/salons/sessions/{session.pk}/guest/" in anonymous
    assert "1 of 2" in anonymous or "2人中1人" in anonymous


def test_upcoming_sessions_are_listed_soonest_first(visitor, client_for, organiser, salon):
    # Created latest-first, more than the page shows: the soonest must still be listed first.
    for day in range(20, 0, -1):
        make_session(salon, days=day)
    for page in (
        visitor.get(f"/salons/{salon.pk}/"),
        client_for(organiser).get(f"/salons/manage/{salon.pk}/"),
    ):
        starts = [s.starts_at for s in page.context["sessions"]]
        assert starts == sorted(starts)
        assert starts[0] == min(s.starts_at for s in salon.sessions.all())


def test_each_join_form_has_its_own_ids(client_for, resident, online_salon):
    for day in (1, 2, 3):
        make_session(online_salon, days=day, is_online=True)
    body = client_for(resident).get(f"/salons/{online_salon.pk}/").content.decode()
    ids = re.findall(r'\bid="([^"]+)"', body)
    assert len(ids) == len(set(ids)), "duplicate ids break the labels of the join forms"
    assert body.count('name="nickname"') == 3 and body.count('name="age_band"') == 3
