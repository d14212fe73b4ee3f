"""The self-check result gives phone numbers as tel: links (real services data)."""

import pytest

from portal.tests.test_selfcheck import full_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def wakkanai_window(db):
    from services.models import Organization, Service, TaxonomyTerm

    service = Service.objects.create(
        name_ja="稚内市 地域包括支援センター（架空）",
        summary_ja="介護の総合相談",
        organization=Organization.objects.get(key="municipalities"),
        scope="municipal",
        audiences=["carers"],
        phone="0162-00-0000",
    )
    service.categories.set(TaxonomyTerm.objects.filter(code="consultation"))
    service.municipalities.set(["012149"])
    return service


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_consultation_window_phone_is_a_tel_link(client, wakkanai_window, prefix):
    html = client.post(
        f"{prefix}/awareness/check/", full_post(municipality="012149", sign_alone="yes")
    ).content.decode()
    step = html.split('id="step-consult"', 1)[1].split("</li>", 2)[0]
    assert "稚内市 地域包括支援センター（架空）" in step
    assert '<a href="tel:+81162000000" class="tel">0162-00-0000</a>' in step


def test_young_carer_lines_are_tel_links_when_nothing_local_is_listed(client):
    # An empty catalogue: the page falls back to the national numbers.
    html = client.post(
        "/awareness/check/", full_post(municipality="012149", under_18="on")
    ).content.decode()
    assert '<a href="tel:+81120078310" class="tel">0120-0-78310</a>' in html
    assert '<a href="tel:+81120189783" class="tel">0120-189-783</a>' in html
    assert "tel:189" not in html  # 189 is for reporting abuse, not a line to talk
