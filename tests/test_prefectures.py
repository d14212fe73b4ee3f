"""Every page for other prefectures: the portal is configured by one setting,
PORTAL_PREFECTURE_CODE, and no page of a 道/都/府 deployment calls the
prefecture a 県.

For each prefecture the demo data is loaded and every public and staff page is
rendered: the URL list of the access matrix (identifiers that match nothing)
plus every link found on the pages themselves (real salons, services,
articles, requests), as a visitor and as each staff role.
"""

import re
from collections import Counter
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve
from django.utils import translation

from tests.factories import MunicipalStaffFactory
from tests.test_access_matrix import _paths

# 県 used as the prefecture's suffix or as the short name of its government.
# 都道府県 ("prefectures" in general) is not a suffix and is allowed.
KEN_AS_SUFFIX = re.compile(
    r"(?<!都道府)県(?:内|の|と|に|庁|が|から|で|は|を|域|民|職員|全域|外|立)"
)
PREFECTURES = {
    # code: (suffix, a municipality of it, how the footer names its government)
    "01": ("道", "011002", "道庁と市町村が運営"),  # 北海道, 札幌市
    "13": ("都", "131016", "都庁と市町村が運営"),  # 東京都, 千代田区 (a special ward)
    "27": ("府", "271004", "府庁と市町村が運営"),  # 大阪府, 大阪市
    "47": ("県", "472018", "県庁と市町村が運営"),  # 沖縄県, 那覇市
}
SKIP = ("/admin/", "/accounts/logout", "/i18n/", "/media/", "/static/", "/en/", "/jsi18n/")
PER_VIEW = 2  # pages visited per URL name (e.g. a list and a filtered list, two details)
LINK = re.compile(r'href="(/[^"#]*)"')


def _crawl(client, seeds):
    """GET every seed and every site link reachable from them (Japanese pages)."""
    queue, seen, per_view, pages = list(seeds), set(), Counter(), {}
    while queue:
        path = queue.pop(0).replace("&amp;", "&")
        if path in seen or path.startswith(SKIP):
            continue
        seen.add(path)
        try:
            view = resolve(urlsplit(path).path).view_name
        except Resolver404:
            continue
        if per_view[view] >= PER_VIEW:
            continue
        per_view[view] += 1
        response = client.get(path)
        assert response.status_code < 500, f"{path}: {response.status_code}"
        if response.status_code != 200 or response.streaming:
            continue
        body = response.content.decode("utf-8", "replace")
        pages[path] = body
        if "html" in response.get("Content-Type", ""):
            queue.extend(LINK.findall(body))
    return pages


@pytest.fixture
def deployment(request, settings, client_for):
    """The demo data and the signed-in clients of a deployment for one prefecture."""
    code = request.param
    settings.PORTAL_PREFECTURE_CODE = code
    translation.activate("ja")
    call_command("load_demo", stdout=__import__("io").StringIO())
    from carers.demo import ACCOUNTS
    from carers.models import User

    demo = {key: User.objects.get(email=email) for key, (email, *_r) in ACCOUNTS.items()}
    local_staff = MunicipalStaffFactory(
        email=f"staff-{code}@example.jp", municipality_code=PREFECTURES[code][1]
    )
    # Staff of a municipality of this prefecture (the demo's are in Hokkaido).
    clients = {"visitor": None, "municipal_staff": client_for(local_staff)}
    for key in ("resident", "organiser", "prefecture_staff", "advisor"):
        clients[key] = client_for(demo[key])
    return code, clients


@pytest.mark.django_db
@pytest.mark.parametrize("deployment", ["01", "13", "27", "47"], indirect=True)
def test_every_page_names_the_prefecture_by_its_own_suffix(deployment, client):
    code, clients = deployment
    suffix, _municipality, footer = PREFECTURES[code]
    seeds = ["/"] + [p for p in _paths() if not p.startswith(SKIP)]
    if suffix == "県":  # the control: 県 is right here, the public and the review pages suffice
        clients = {k: v for k, v in clients.items() if k in ("visitor", "prefecture_staff")}
    wrong, rendered = [], 0
    for persona, c in clients.items():
        pages = _crawl(c or client, seeds)
        rendered += len(pages)
        for path, body in pages.items():
            if suffix != "県":
                for m in KEN_AS_SUFFIX.finditer(body):
                    wrong.append(
                        f"{persona} {path}: …{body[max(m.start() - 20, 0) : m.end() + 5]}…"
                    )
        if footer not in pages["/"]:
            wrong.append(f"{persona} /: the footer does not say {footer}")
    assert rendered > (60 if suffix == "県" else 150), f"only {rendered} pages were rendered"
    assert not wrong, "\n".join(wrong[:30])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "present", "absent"),
    [
        ("13", ["千代田区", "世田谷区", "八王子市", "大島町"], ["札幌市"]),
        ("01", ["札幌市", "豊浦町"], ["千代田区"]),
        ("27", ["大阪市", "堺市"], ["札幌市"]),
    ],
)
def test_dropdowns_offer_the_municipalities_of_the_configured_prefecture(
    settings, client, code, present, absent
):
    settings.PORTAL_PREFECTURE_CODE = code
    body = client.get("/salons/").content.decode()
    options = re.findall(r"<option value=\"\d{6}\"[^>]*>([^<]+)</option>", body)
    for name in present:
        assert name in options
    for name in absent:
        assert name not in options


@pytest.mark.django_db
def test_tokyo_english_pages_name_the_wards_in_english(settings, client):
    settings.PORTAL_PREFECTURE_CODE = "13"
    body = client.get("/en/salons/").content.decode()
    assert "Chiyoda-ku" in body and "Setagaya-ku" in body
    assert "千代田区" not in body
    assert "Tokyo Metropolitan Government" in body  # the footer
