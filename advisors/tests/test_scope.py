"""Scope: municipal staff see their municipality's requests, advisors their
assignments, prefecture staff all; anything else is a 404."""

import pytest

from advisors.models import Advisor, DispatchRequest
from advisors.workflow import Status
from conftest import make_user


@pytest.mark.django_db
def test_visible_to(
    make_request,
    municipal_staff,
    other_municipality_staff,
    prefecture_staff,
    advisor_user,
    organiser,
    resident,
):
    mine = make_request(status=Status.SUBMITTED)
    assigned = make_request(status=Status.SCHEDULED)
    theirs = make_request(status=Status.SUBMITTED, created_by=other_municipality_staff)
    scoped = lambda user: set(DispatchRequest.objects.visible_to(user))  # noqa: E731
    assert scoped(municipal_staff) == {mine, assigned}
    assert scoped(other_municipality_staff) == {theirs}
    assert scoped(prefecture_staff) == {mine, assigned, theirs}
    assert scoped(advisor_user) == {assigned}
    assert scoped(organiser) == scoped(resident) == set()


@pytest.mark.django_db
@pytest.mark.parametrize("suffix", ["", "edit/", "submit/", "withdraw/", "approve/", "report/"])
def test_another_municipality_gets_404(client_for, other_municipality_staff, make_request, suffix):
    dispatch = make_request(status=Status.DRAFT)
    assert (
        client_for(other_municipality_staff)
        .get(f"/advisors/requests/{dispatch.pk}/{suffix}")
        .status_code
        == 404
    )
    assert (
        client_for(other_municipality_staff)
        .post(f"/advisors/requests/{dispatch.pk}/{suffix}", {"version": dispatch.version})
        .status_code
        == 404
    )
    dispatch.refresh_from_db()
    assert dispatch.status == Status.DRAFT


@pytest.mark.django_db
def test_an_advisor_sees_only_own_assignments(client_for, make_request):
    other = make_user("other.advisor@example.jp", "advisor", mfa=True)
    Advisor.objects.create(user=other, name="Other")
    dispatch = make_request(status=Status.SCHEDULED)
    submitted = make_request(status=Status.SUBMITTED)
    client = client_for(other)
    assert client.get(f"/advisors/requests/{dispatch.pk}/").status_code == 404
    assert client.get(f"/advisors/requests/{dispatch.pk}/report/").status_code == 404
    assert client.get(f"/advisors/requests/{submitted.pk}/").status_code == 404
    assert f"#{dispatch.pk}" not in client.get("/en/advisors/requests/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["organiser", "resident"])
def test_other_roles_get_404_everywhere(request, client_for, make_request, persona):
    dispatch = make_request()
    client = client_for(request.getfixturevalue(persona))
    for path in ("", f"{dispatch.pk}/", "new/"):
        assert client.get(f"/advisors/requests/{path}").status_code == 404
    for path in ("/advisors/roster/", "/advisors/figures/", "/advisors/figures.csv"):
        assert client.get(path).status_code == 404


@pytest.mark.django_db
def test_unknown_action_is_404(client_for, prefecture_staff, make_request):
    dispatch = make_request()
    assert (
        client_for(prefecture_staff).get(f"/advisors/requests/{dispatch.pk}/explode/").status_code
        == 404
    )
    # A municipal action is not the prefecture's: 404, not a form.
    assert (
        client_for(prefecture_staff).get(f"/advisors/requests/{dispatch.pk}/withdraw/").status_code
        == 404
    )


@pytest.mark.django_db
def test_visitor_is_sent_to_sign_in(client):
    response = client.get("/advisors/requests/")
    assert response.status_code == 302 and "/accounts/login/" in response.url
