import re
from urllib.parse import urlsplit

import pytest
from django.core import mail

from carers.models import OutboundEmail, Role, User


def _post(client, **data):
    base = {
        "email": "new.staff@otaru.example.jp",
        "display_name": "小樽 新任",
        "role": "municipal_staff",
        "municipality": "012033",
        "language": "ja",
    }
    return client.post("/staff/invite/", {**base, **data})


@pytest.mark.django_db
def test_prefecture_staff_invites_municipal_staff(
    client_for, prefecture_staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client_for(prefecture_staff))
    assert response.status_code == 302
    user = User.objects.get(email="new.staff@otaru.example.jp")
    assert user.role == Role.MUNICIPAL_STAFF and user.municipality_id == "012033"
    assert not user.has_usable_password()
    message = OutboundEmail.objects.get(recipient=user)
    assert message.template == "portal/email/staff_invite"
    body = mail.outbox[0].body
    assert "/accounts/password/reset/key/" in body
    assert "小樽 新任" not in mail.outbox[0].subject


@pytest.mark.django_db
def test_invitee_sets_a_password_through_the_link(
    client_for, prefecture_staff, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _post(client_for(prefecture_staff))
    path = re.search(r"(/accounts/password/reset/key/\S+)", mail.outbox[0].body).group(1)
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else path
    response = client.post(
        form_url, {"password1": "a-Strong-pass-2026", "password2": "a-Strong-pass-2026"}
    )
    assert response.status_code == 302
    assert User.objects.get(email="new.staff@otaru.example.jp").check_password("a-Strong-pass-2026")


@pytest.mark.django_db
def test_municipal_staff_needs_a_municipality(client_for, prefecture_staff):
    response = _post(client_for(prefecture_staff), municipality="")
    assert response.status_code == 200
    assert not User.objects.filter(email="new.staff@otaru.example.jp").exists()
    assert 'value="new.staff@otaru.example.jp"' in response.content.decode()


@pytest.mark.django_db
def test_existing_email_is_refused(client_for, prefecture_staff, resident):
    response = _post(client_for(prefecture_staff), email=resident.email)
    assert response.status_code == 200
    assert User.objects.get(email=resident.email).role == Role.REGISTERED


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["municipal_staff", "advisor_user", "organiser", "resident"])
def test_only_prefecture_staff_can_invite(request, client_for, persona):
    user = request.getfixturevalue(persona)
    assert _post(client_for(user)).status_code == 404
    assert not User.objects.filter(email="new.staff@otaru.example.jp").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("page", "language", "link"),
    [
        ("/en/staff/invite/", "ja", "/accounts/password/reset/key/"),
        ("/staff/invite/", "en", "/en/accounts/password/reset/key/"),
    ],
)
def test_the_invitation_link_is_in_the_invitees_language(
    client_for, prefecture_staff, django_capture_on_commit_callbacks, settings, page, language, link
):
    """The inviter's page language does not decide the invitee's links."""
    data = {
        "email": "new.staff@otaru.example.jp",
        "display_name": "小樽 新任",
        "role": "municipal_staff",
        "municipality": "012033",
        "language": language,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(prefecture_staff).post(page, data)
    assert response.status_code == 302
    url = re.search(r"https?://\S+/accounts/password/reset/key/\S+", mail.outbox[0].body).group(0)
    body = mail.outbox[0].body
    assert urlsplit(url).path.startswith(link), body
    # The role is named in the invitee's language too.
    assert ("役割：市町村職員" in body) if language == "ja" else ("role: Municipal staff" in body)
