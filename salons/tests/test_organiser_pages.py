import csv
import io

import pytest

from conftest import make_user
from salons import actions

from .conftest import make_salon

pytestmark = pytest.mark.django_db


def test_organiser_sees_own_salons_and_next_sessions_with_counts(
    client_for, organiser, session, resident
):
    make_salon(
        make_user("other-org@example.jp", "organiser"),
        session.salon.municipality,
        name="他人のサロン",
    )
    actions.session_join(session=session, by=resident)
    response = client_for(organiser).get("/salons/manage/")
    assert [s.name for s in response.context["page"]] == [session.salon.name]
    (row,) = response.context["sessions"]
    assert (row.booked, row.waiting) == (1, 0)


def test_participant_csv_of_own_session(client_for, organiser, session, resident):
    actions.session_join(session=session, by=resident, nickname="=HYPERLINK(1)")
    response = client_for(organiser).get(f"/salons/manage/sessions/{session.pk}/participants.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2
    assert rows[1][0] == "'=HYPERLINK(1)"  # no formula injection
    assert resident.email not in response.content.decode()


def test_csv_of_someone_elses_session_is_404(client_for, session, municipal_staff):
    other = make_user("other-org@example.jp", "organiser")
    assert (
        client_for(other).get(f"/salons/manage/sessions/{session.pk}/participants.csv").status_code
        == 404
    )
    assert (
        client_for(municipal_staff)
        .get(f"/salons/manage/sessions/{session.pk}/participants.csv")
        .status_code
        == 404
    )


def test_resident_and_advisor_cannot_open_manage_pages(client_for, resident, advisor_user, salon):
    assert client_for(resident).get("/salons/manage/").status_code == 404
    assert client_for(advisor_user).get(f"/salons/manage/{salon.pk}/").status_code == 404


def test_manage_detail_lists_sessions_and_reports(client_for, organiser, session):
    actions.salon_report_outdated(salon=session.salon, message="電話番号が違います")
    body = client_for(organiser).get(f"/salons/manage/{session.salon_id}/").content.decode()
    assert "電話番号が違います" in body
    assert f"/salons/manage/sessions/{session.pk}/participants.csv" in body


def test_english_pages_render(client_for, organiser, session):
    assert client_for(organiser).get(f"/en/salons/manage/{session.salon_id}/").status_code == 200
    assert client_for(organiser).get("/en/salons/").status_code == 200


def test_search_page_offers_the_right_next_step_per_role(
    client_for, resident, organiser, municipal_staff
):
    assert client_for(resident).get("/salons/").context["can_become_organiser"] is True
    assert client_for(organiser).get("/salons/").context["can_manage"] is True
    assert client_for(municipal_staff).get("/salons/").context["can_become_organiser"] is False


def test_participant_csv_marks_a_missing_nickname(client_for, organiser, session):
    member = make_user("hanako.suzuki@example.jp", display_name="")
    actions.session_join(session=session, by=member, nickname="")
    response = client_for(organiser).get(
        f"/en/salons/manage/sessions/{session.pk}/participants.csv"
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][0] == "(no nickname)"
    assert "hanako" not in response.content.decode()


def test_japanese_labels_are_ours_not_a_colliding_catalogue(client_for, organiser, salon):
    """Bare words like "Note" are translated differently by other installed
    apps (allauth: 注意, a warning); salons uses message contexts."""
    form = client_for(organiser).get(f"/salons/manage/{salon.pk}/sessions/new/").content.decode()
    assert "備考" in form and "注意" not in form
    listing = client_for(organiser).get("/salons/manage/").content.decode()
    assert ">名称<" in listing and ">氏名<" not in listing
