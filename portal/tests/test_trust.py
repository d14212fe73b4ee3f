"""Trust settings: real client address behind proxies, two-factor for the
admin, staff session idle limit, CSP on the admin, Redis-less cache fallback."""

import time

import pytest
from django.test import Client

from conftest import make_user
from tests.factories import TEST_PASSWORD


def _login(client, email, password, forwarded_for=None, remote="10.0.0.2"):
    extra = {"REMOTE_ADDR": remote}
    if forwarded_for:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client.post("/accounts/login/", {"login": email, "password": password}, **extra)


def _attack(email, forwarded_for, times=22):
    attacker = Client()
    for n in range(times):
        _login(attacker, email, f"wrong-password-{n}", forwarded_for=forwarded_for)


@pytest.mark.django_db
def test_one_clients_failures_do_not_lock_another_behind_the_proxy(settings, resident):
    settings.TRUSTED_PROXY_COUNT = 1
    victims = [make_user(f"victim{n}@example.jp") for n in range(22)]
    attacker = Client()
    for victim in victims:  # one wrong password for each of 22 accounts: the per-IP limit
        _login(attacker, victim.email, "wrong-password", forwarded_for="203.0.113.9")
    blocked = _login(attacker, resident.email, TEST_PASSWORD, forwarded_for="203.0.113.9")
    assert not blocked.wsgi_request.user.is_authenticated  # the attacker's address is limited

    other = Client()
    response = _login(other, resident.email, TEST_PASSWORD, forwarded_for="198.51.100.7")
    assert response.status_code == 302
    assert other.get("/").wsgi_request.user.is_authenticated


@pytest.mark.django_db
def test_without_the_proxy_setting_everyone_behind_it_shares_one_address(settings, resident):
    """The fault the setting fixes: with TRUSTED_PROXY_COUNT=0 the proxy's
    address is the client's, so one client's failures lock the others out."""
    settings.TRUSTED_PROXY_COUNT = 0
    attacker = Client()
    for n in range(22):
        _login(attacker, f"nobody{n}@example.jp", "wrong", forwarded_for="203.0.113.9")
    other = Client()
    _login(other, resident.email, TEST_PASSWORD, forwarded_for="198.51.100.7")
    assert not other.get("/").wsgi_request.user.is_authenticated


@pytest.mark.django_db
def test_forged_forwarded_for_does_not_escape_the_limit(settings, resident):
    """The client can prepend anything to X-Forwarded-For; only the entry our
    proxy added counts, so rotating forged addresses does not reset the limit."""
    settings.TRUSTED_PROXY_COUNT = 1
    attacker = Client()
    for n in range(22):
        _login(
            attacker, f"nobody{n}@example.jp", "wrong", forwarded_for=f"192.0.2.{n}, 203.0.113.9"
        )
    response = _login(attacker, resident.email, TEST_PASSWORD, forwarded_for="1.2.3.4, 203.0.113.9")
    assert not response.wsgi_request.user.is_authenticated


@pytest.mark.parametrize(
    "count, proxies, remote, header, expected",
    [
        (0, [], "10.0.0.2", "203.0.113.9", "10.0.0.2"),
        (1, [], "10.0.0.2", "203.0.113.9", "203.0.113.9"),
        (1, [], "10.0.0.2", "6.6.6.6, 203.0.113.9", "203.0.113.9"),
        (2, [], "10.0.0.2", "6.6.6.6, 203.0.113.9, 10.0.0.3", "203.0.113.9"),
        (2, [], "10.0.0.2", "203.0.113.9", "10.0.0.2"),  # fewer entries than proxies
        (1, [], "10.0.0.2", "not-an-address", "10.0.0.2"),
        (0, ["10.0.0.0/8"], "10.0.0.2", "6.6.6.6, 203.0.113.9, 10.0.0.3", "203.0.113.9"),
        (0, ["10.0.0.0/8"], "192.0.2.1", "203.0.113.9", "192.0.2.1"),  # not from our proxy
        (0, ["10.0.0.0/8"], "10.0.0.2", "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_address_rules(settings, rf, count, proxies, remote, header, expected):
    from portal.clientip import client_ip

    settings.TRUSTED_PROXY_COUNT = count
    settings.TRUSTED_PROXIES = proxies
    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=header)
    assert client_ip(request) == expected


def test_a_wrong_trusted_proxies_value_stops_startup():
    import os
    import subprocess
    import sys

    env = {**os.environ, "TRUSTED_PROXIES": "10.0.0.0/8,nonsense", "KIZUKI_ENV_FILE": ""}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**env, "DJANGO_SETTINGS_MODULE": "portal.settings"},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "TRUSTED_PROXIES" in result.stderr


# --- Two-factor for the admin ------------------------------------------------------


@pytest.mark.django_db
def test_superuser_without_two_factor_is_sent_to_set_it_up(client_for):
    admin_user = make_user("root@example.jp", is_superuser=True, is_staff=True)
    response = client_for(admin_user).get("/admin/")
    assert response.status_code == 302 and response.url == "/accounts/2fa/totp/activate/"
    assert client_for(admin_user).get("/admin/carers/user/").status_code == 302


@pytest.mark.django_db
def test_superuser_with_two_factor_reaches_the_admin(client_for):
    admin_user = make_user("root2@example.jp", is_superuser=True, is_staff=True, mfa=True)
    response = client_for(admin_user).get("/admin/")
    assert response.status_code == 200
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


@pytest.mark.django_db
def test_superuser_password_alone_does_not_open_the_admin(client):
    make_user("root3@example.jp", is_superuser=True, is_staff=True, mfa=True)
    response = client.post(
        "/accounts/login/", {"login": "root3@example.jp", "password": TEST_PASSWORD}
    )
    assert response.url.startswith("/accounts/2fa/authenticate")
    assert client.get("/admin/").status_code == 302


# --- Staff sessions end after a working day without a request ----------------------


@pytest.mark.django_db
def test_staff_session_expires_after_a_working_day_idle(client, settings, prefecture_staff):
    from conftest import totp_now

    client.post(
        "/accounts/login/",
        {"login": prefecture_staff.email, "password": TEST_PASSWORD, "remember": "on"},
    )
    client.post("/accounts/2fa/authenticate/", {"code": totp_now()})
    response = client.get("/dashboard/")
    assert response.status_code == 200
    assert client.session.get_expiry_age() == settings.STAFF_SESSION_IDLE_SECONDS == 8 * 3600
    assert response.cookies["sessionid"]["max-age"] == 8 * 3600


@pytest.mark.django_db
def test_resident_remember_me_is_unchanged(client, resident):
    client.post(
        "/accounts/login/", {"login": resident.email, "password": TEST_PASSWORD, "remember": "on"}
    )
    client.get("/")
    assert client.session.get_expiry_age() > 8 * 3600


@pytest.mark.django_db
def test_idle_staff_session_is_refused(client, settings, prefecture_staff):
    settings.STAFF_SESSION_IDLE_SECONDS = 2
    c = Client()
    c.force_login(prefecture_staff)
    assert c.get("/dashboard/").status_code == 200
    time.sleep(3)
    response = c.get("/dashboard/")
    assert response.status_code == 302 and "/accounts/login/" in response.url
