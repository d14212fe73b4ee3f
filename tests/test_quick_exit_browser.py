"""Real Chromium: the quick exit on every sensitive page type (present in a
landmark, Esc three times leaves, Back does not bring the page back, small at
400% zoom), and axe-core on pages with furigana switched on."""

import pytest
from django.utils import timezone

from portal.models import Article, ArticleStatus
from portal.selfcheck import SIGN_KEYS
from salons.models import Audience, Registration, RegistrationStatus
from salons.tests.conftest import make_salon, make_session

EXIT = "https://www.google.co.jp/"


@pytest.fixture
def young(organiser):
    """The young-carer article, salon and session (transactional tests start empty)."""
    Article.objects.update_or_create(  # the migration's article, unless a flush removed it
        slug="young-carers",
        defaults=dict(
            status=ArticleStatus.PUBLISHED,
            publish_at=timezone.now(),
            audiences=["young_carers"],
            title_ja="ヤングケアラー　家族の世話をしているあなたへ",
            title_en="Young carers",
            summary_ja="家族の世話をしている子ども・若者へ。",
            summary_en="For young carers.",
            body_ja="## 相談できるところ\n\n- チャイルドライン：0120-99-7777（毎日16時〜21時）",
            body_en="## Who you can talk to\n\n- Childline: 0120-99-7777",
        ),
    )
    salon = make_salon(
        organiser,
        None,
        name="ヤングケアラーのオンラインサロン",
        is_online=True,
        audiences=[Audience.YOUNG_CARERS],
    )
    return make_session(salon, days=5, is_online=True, meeting_url="https://meet.example.jp/r")


@pytest.fixture
def exit_page(page):
    page.context.route(
        f"{EXIT}**",
        lambda route: route.fulfill(
            body="<title>Google</title><p>search</p>", content_type="text/html"
        ),
    )
    return page


def assert_quick_exit_here(page):
    exit_link = page.locator("aside.quick-exit a[data-quick-exit]")
    assert exit_link.count() == 1 and exit_link.is_visible(), page.url
    # Inside a landmark: the aside (complementary) has an accessible name.
    assert page.locator("aside.quick-exit").get_attribute("aria-label")
    for word in ("ケアラー", "介護", "気づき", "carer"):
        assert word not in page.title(), f"{page.url}: title {page.title()!r}"


def leave_with_escape_and_come_back(page, sensitive_path):
    assert_quick_exit_here(page)
    page.locator("main").click(position={"x": 1, "y": 1})  # focus in the page, not the address bar
    for _ in range(3):
        page.keyboard.press("Escape")
    page.wait_for_url(f"{EXIT}**")
    page.go_back()
    page.wait_for_load_state()
    page.wait_for_timeout(300)  # a sensitive page shown again would leave at once
    page.wait_for_load_state()
    assert sensitive_path not in page.url, f"Back returned to {page.url}"
    assert page.locator("[data-quick-exit]").count() == 0 or page.url.startswith(EXIT)


def take_check(page, base):
    page.goto(f"{base}/awareness/check/")
    assert_quick_exit_here(page)
    page.locator("main button[name=subject][value=myself]").click()
    page.wait_for_selector("input[name=sign_alone]")
    assert_quick_exit_here(page)
    for key in SIGN_KEYS:
        page.check(f"input[name=sign_{key}][value=no]")
    page.select_option("select[name=municipality]", "011002")
    page.check("input[name=under_18]")
    page.check("input[name=studies]")
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector("#step-young_carer")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_self_check_journey_leaves_and_back_does_not_return(exit_page):
    page, base = exit_page, exit_page.base_url
    page.goto(f"{base}/")
    take_check(page, base)  # three sensitive pages in a row: start, questions, result
    assert "0120-99-7777" in page.locator("#step-young_carer").inner_text()
    leave_with_escape_and_come_back(page, "/awareness/check/")
    assert page.url == f"{base}/"  # the page before the check


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_young_carer_article_and_help_page_leave(exit_page, young):
    page, base = exit_page, exit_page.base_url
    for path in ("/awareness/young-carers/", "/awareness/leaving-no-trace/"):
        page.goto(f"{base}/")
        page.goto(f"{base}{path}")
        leave_with_escape_and_come_back(page, path)
        assert page.url == f"{base}/", f"Back from {path} should land on the page before it"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_young_carer_salon_sign_up_and_confirmation_leave(exit_page, young, outbox_emails):
    page, base = exit_page, exit_page.base_url
    # The salon page, its sign-up form and the "check your email" page.
    page.goto(f"{base}/")
    page.goto(f"{base}/salons/{young.salon_id}/")
    assert_quick_exit_here(page)
    page.goto(f"{base}/salons/sessions/{young.pk}/guest/")
    assert_quick_exit_here(page)
    page.fill("input[name=email]", "sora@example.jp")
    page.fill("input[name=nickname]", "そら")
    page.select_option("select[name=age_band]", "15-18")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert Registration.objects.filter(status=RegistrationStatus.EMAIL_UNCONFIRMED).exists()
    leave_with_escape_and_come_back(page, "/salons/")
    # The confirmation page opened from the email.
    link = outbox_emails()[-1].context["confirm_url"]
    page.goto(f"{base}/")
    page.goto(link if link.startswith("http") else f"{base}{link}")
    leave_with_escape_and_come_back(page, "/salons/guest/confirm/")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_my_sign_ups_and_a_sign_up_page_leave(exit_page, young, browser_login, resident):
    page, base = exit_page, exit_page.base_url
    registration = Registration.objects.create(
        session=young, user=resident, nickname="そら", status=RegistrationStatus.CONFIRMED
    )
    browser_login(page, resident)
    page.goto(f"{base}/")
    page.goto(f"{base}/salons/signups/")
    assert_quick_exit_here(page)
    page.goto(f"{base}{registration.get_absolute_url()}")
    leave_with_escape_and_come_back(page, "/salons/signups/")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_services_guide_and_its_result_leave(exit_page):
    page, base = exit_page, exit_page.base_url
    page.goto(f"{base}/")
    page.goto(f"{base}/services/guide/")
    assert_quick_exit_here(page)
    page.check("input[name=recipient][value=parent]")
    page.check("input[name=needs][value=illness]")
    page.check("input[name=service_use][value=none]")
    page.check("input[name=situations][value=under_18]")
    page.check("input[name=situations][value=studying]")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "/services/guide/" in page.url
    leave_with_escape_and_come_back(page, "/services/guide/")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_quick_exit_covers_at_most_15_percent_at_400_percent_zoom(exit_page, young):
    page, base = exit_page, exit_page.base_url
    page.set_viewport_size({"width": 320, "height": 200})  # 1280×800 at 400%
    for path in (
        "/awareness/check/",
        "/awareness/young-carers/",
        f"/salons/{young.salon_id}/",
        f"/salons/sessions/{young.pk}/guest/",
        "/services/guide/",
        "/awareness/leaving-no-trace/",
    ):
        page.goto(f"{base}{path}")
        box = page.locator("aside.quick-exit").bounding_box()
        assert box["height"] <= 0.15 * 200 + 1, f"{path}: {box['height']}px of 200"
        page.mouse.wheel(0, 600)  # sticky: still there after scrolling, still small
        assert page.locator("[data-quick-exit]").is_visible()
        assert page.locator("aside.quick-exit").bounding_box()["height"] <= 31


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_pages_with_furigana_pass_axe(page, axe_check, young):
    base = page.base_url
    page.goto(f"{base}/awareness/")
    page.locator("a.furigana-switch").click()  # a plain link: works without JavaScript
    page.wait_for_load_state()
    assert page.locator("main ruby rt").count() > 0
    for path in (
        "/",
        "/awareness/",
        "/awareness/young-carers/",
        "/awareness/check/?easy=1",
        f"/salons/{young.salon_id}/",
        f"/salons/sessions/{young.pk}/guest/",
        "/services/",
        "/services/guide/",
        "/awareness/leaving-no-trace/",
    ):
        page.goto(f"{base}{path}")
        assert page.locator("ruby").count() > 0, path
        assert page.locator("footer.site-footer").count() == 1, f"{path} arrived cut short"
        axe_check(page)
    page.goto(f"{base}/awareness/check/?easy=1")
    page.locator("main button[name=subject][value=myself]").click()
    page.wait_for_selector("input[name=sign_alone]")
    assert "ほとんど" in page.locator("main").inner_text()
    axe_check(page)  # the plain-Japanese questions with furigana
