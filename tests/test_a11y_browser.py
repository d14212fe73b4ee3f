"""Accessibility beyond axe, in real Chromium, on the demo site as every role.

One crawl (module fixture) signs in once per role and measures every page it reaches in
Japanese and English at 320 CSS px (see tests/a11y_crawl.py); the tests below each judge one
aspect of what it found. Then, at desktop width with the same sign-ins: the focus indicator
of every tab stop on each role's key pages, the size and border of radio buttons, checkboxes
and selects, and every form submitted empty or invalid (the error summary).
"""

import datetime
import io
import time
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests import a11y_crawl as crawl

# django_db: the session sets up the test database for this module run alone, too.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

ROLES = ["visitor", "resident", "organiser", "municipal_staff", "prefecture_staff", "advisor"]
MIN_CONTRAST = 3.0
MIN_CONTROL_PX = 24
MAX_TAB_STOPS = 120

# Routes the crawl does not measure, and why. A new page that no role reaches by a link
# fails test_every_page_is_reached until it is linked or listed here.
NOT_CRAWLED = {
    "awareness:manage_slug": "JSON for the article editor's address field",
    "services:import_template": "a CSV file",
    "site_search": "reached from the header search box, a form (its own tests cover the page)",
    "account_logout": "a POST action",
    "account_confirm_email": "reached from an email (signed key)",
    "account_confirm_login_code": "sign-in by emailed code is not enabled",
    "account_confirm_reauthentication_code": "reached after an emailed code",
    "account_email_verification_sent": "shown right after sign-up",
    "account_inactive": "only for deactivated accounts",
    "account_reset_password_done": "shown after a reset request",
    "account_reset_password_from_key": "reached from an email (signed key)",
    "account_reset_password_from_key_done": "shown after a reset",
    "account_set_password": "accounts here always have a password",
    "mfa_authenticate": "the TOTP step of every staff sign-in (driven by the crawl's sign-in)",
    "mfa_deactivate_totp": "staff cannot switch two-step sign-in off",
    "mfa_download_recovery_codes": "a file download",
    "mfa_generate_recovery_codes": "behind recent re-authentication",
    "mfa_reauthenticate": "behind recent re-authentication",
    "mfa_view_recovery_codes": "behind recent re-authentication",
    "advisors:figures_csv": "a CSV file",
    "coverage_csv": "a CSV file",
    "services:export": "a CSV file",
    "services:opendata_report": "a CSV file",
    "salons:participants_csv": "a CSV file",
    "carers:household_export_json": "a JSON file",
    "my_data_download": "a JSON file",
    "opendata:catalog": "JSON-LD",
    "opendata:file": "CSV and JSON files",
    "salons:calendar": "an iCalendar feed",
    "salons:salon_calendar": "an iCalendar feed",
    "healthz": "JSON for monitoring",
    "furigana_switch": "a switch that redirects back",
    "advisors:request_action": "POST actions of a request (approve, schedule, report…)",
    "awareness:manage_unpublish": "a POST action",
    "salons:confirm": "a POST action",
    "salons:join": "a POST action",
    "salons:registration_accept": "a POST action on an offered place",
    "services:report": "the report form posts here; its errors are shown by the detail page",
    "services:report_resolve": "a POST action",
    "services:verify": "a POST action",
    "carers:follow_up_set": "a POST action of the case page",
    "salons:confirm_link": "reached from an email (signed token)",
    "salons:guest_confirm": "reached from an email (signed token)",
    "salons:review": "a POST action of the manage page",
    "salons:become_organiser": "a POST action",
    "advisors:request_edit": "drafts and returned requests only; the demo has none",
    "advisors:request_public_event": "scheduled symposia still to come only; none in the demo",
    "services:opendata_job": "an import's page; the demo has no imports",
    "salons:event_detail": "exists once a dispatch is published as an event; none in the demo",
}
NOT_CRAWLED_PREFIXES = ("hsds:",)  # the HSDS JSON API

# Every form in <main> with something to fill in, keyed "page route -> action route #n" (n
# counts the different forms posting to one place; forms that are only buttons are left
# out), and how to make it fail:
# "empty" clears what a person types and submits; a dict fills those fields with wrong
# values; a string exempts the form and says why. A form not listed fails
# test_every_form_is_known, so a new form cannot skip the error summary unnoticed.
FORMS = {
    "resident_municipality -> resident_municipality #1": "one list to choose from",
    "talk_now -> talk_now #1": "one list to choose from",
    "services:report -> services:report #1": "empty",
    "awareness:list -> awareness:list #1": "filters by choice lists: nothing can be wrong",
    "awareness:salon_startup -> awareness:salon_startup #1": "one list to choose from",
    "salons:list -> salons:list #1": {"from": "31/02/2026"},
    "services:list -> services:list #1": "filters by text and choice lists: nothing can be wrong",
    "opendata:index -> opendata:index #1": "one list to choose from",
    "account_login -> account_login #1": "empty",
    "account_signup -> account_signup #1": "empty",
    "account_reset_password -> account_reset_password #1": "empty",
    "services:guide -> services:guide #1": "empty",
    "salons:guest_join -> salons:guest_join #1": "empty",
    "salons:report -> salons:report #1": "empty",
    "salons:detail -> salons:join #1": {"nickname": "x" * 41},
    "account_email -> account_email #1": "a choice of listed addresses and buttons acting on it",
    "account_email -> account_email #2": "empty",
    "account_request_reauthentication_code -> account_request_reauthentication_code #1": (
        "a choice of where a code is emailed, nothing typed"
    ),
    "account_change_password -> account_change_password #1": "empty",
    "my_data_delete -> my_data_delete #1": "empty",
    "account_reauthenticate -> account_reauthenticate #1": "empty",
    "salons:create -> salons:create #1": "empty",
    "salons:edit -> salons:edit #1": "empty",
    "salons:session_create -> salons:session_create #1": "empty",
    "salons:rule_create -> salons:rule_create #1": "empty",
    "salons:session_edit -> salons:session_edit #1": {"capacity": "-3"},
    "salons:session_move -> salons:session_move #1": "empty",
    "salons:session_cancel -> salons:session_cancel #1": "empty",
    "carers:household_list -> carers:household_list #1": "filters: nothing can be wrong",
    "advisors:request_list -> advisors:request_list #1": "filters by choice lists",
    "carers:household_create -> carers:household_create #1": "empty",
    "advisors:request_create -> advisors:request_create #1": "empty",
    "services:create -> services:create #1": "empty",
    "services:import -> services:import #1": "empty",
    "services:edit -> services:edit #1": "empty",
    "awareness:manage_create -> awareness:manage_create #1": "empty",
    "carers:consent_withdraw -> carers:consent_withdraw #1": "empty",
    "carers:consultation_add -> carers:consultation_add #1": "empty",
    "carers:household_close -> carers:household_close #1": "empty",
    "carers:household_delete -> carers:household_delete #1": "empty",
    "carers:household_detail -> carers:follow_up_set #1": "empty",
    "carers:household_edit -> carers:household_edit #1": {"household-next_follow_up": "31/02/2026"},
    "services:opendata -> services:opendata #1": "empty",
    "site_page_edit -> site_page_edit #1": "empty",
    "salons:session_participants -> salons:session_participants #1": "empty",
    "services:household_guidance -> services:household_guidance #1": "empty",
    "awareness:manage_edit -> awareness:manage_edit #1": "empty",
    "staff_invite -> staff_invite #1": "empty",
    "advisors:advisor_create -> advisors:advisor_create #1": "empty",
    "advisors:advisor_edit -> advisors:advisor_edit #1": "empty",
    "coverage -> coverage #1": "one checkbox filter",
    "advisors:figures -> advisors:figures #1": "one list to choose from",
}


def _demo_records(accounts):
    """What the demo data lacks for the crawl to reach every page: a case record of the
    demo municipality and a resident's salon sign-up, made through the apps' actions."""
    from carers import actions as carer_actions
    from carers.models import AgeBand, CareLevel, ConsentMethod, ConsentPurpose
    from salons import actions as salon_actions
    from salons.models import Session

    carer_actions.household_create(
        by=accounts["municipal_staff"],
        fields={
            "reference": "DEMO-A11Y-1",
            "service_use": "some",
            "services_used": "デイサービス週2回",
            "needs_and_wishes": "休息がほしい",
            "notes": "",
            "next_follow_up": timezone.localdate() + datetime.timedelta(days=7),
        },
        consent={
            "given_by": "本人",
            "given_on": timezone.localdate(),
            "method": ConsentMethod.IN_PERSON,
            "purposes": [ConsentPurpose.CASE_RECORD, ConsentPurpose.GUIDANCE],
        },
        carers=[
            {
                "name": "見本花子",
                "relationship": "娘",
                "age_band": AgeBand.AGE_50_64,
                "is_under_18": False,
                "is_working": True,
            }
        ],
        recipients=[
            {
                "name": "見本太郎",
                "relationship": "父",
                "age_band": AgeBand.AGE_75_PLUS,
                "care_level": CareLevel.CARE_3,
                "conditions": ["dementia"],
            }
        ],
    )
    sessions = Session.objects.filter(starts_at__gt=timezone.now()).order_by("starts_at")
    joined = next(s for s in sessions if not s.salon.is_for_young_carers)
    salon_actions.session_join(session=joined, by=accounts["resident"], nickname="ひまわり")


@pytest.fixture(scope="module")
def demo_server(request, django_db_blocker):
    """A live server of its own: pytest-django's ``live_server`` would empty the database
    after every test of this module, and the demo data is loaded once for all of them."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.test.testcases import LiveServerThread

    request.getfixturevalue("django_db_setup")  # not a parameter: tests here need no db
    with django_db_blocker.unblock():
        server = LiveServerThread("localhost", StaticFilesHandler, port=0)
        server.daemon = True
        server.start()
        server.is_ready.wait()
        if server.error:
            raise server.error
        try:
            yield f"http://localhost:{server.port}"
        finally:
            server.terminate()


@pytest.fixture(scope="module")
def demo_site(demo_server, django_db_blocker, chromium):
    """The demo data in the test database, one signed-in browser context per role, and
    the crawl's results. The database is emptied again afterwards."""
    from django.utils import translation

    from carers import demo
    from portal.celery import app

    translation.activate("ja")  # unprefixed paths resolve as Japanese
    eager, app.conf.task_always_eager = app.conf.task_always_eager, True
    with django_db_blocker.unblock():
        try:
            started = time.monotonic()
            call_command("load_demo", stdout=io.StringIO())
            from carers.models import User

            accounts = {key: User.objects.get(email=v[0]) for key, v in demo.ACCOUNTS.items()}
            _demo_records(accounts)
            loaded = time.monotonic() - started
            sessions = {}
            visited, results = {}, []
            for role in ROLES:
                context, page = crawl.new_context(chromium, demo_server)
                if role != "visitor":
                    crawl.sign_in(
                        page, demo.ACCOUNTS[role][0], demo.DEMO_PASSWORD, demo.DEMO_TOTP_SECRET
                    )
                sessions[role] = context.storage_state()
                crawl.crawl_role(page, _start_paths(role, accounts), visited, results, role)
                context.close()
            print(
                f"demo data {loaded:.1f} s, crawl {time.monotonic() - started - loaded:.1f} s",
                crawl.TIMINGS,
            )
            yield {
                "url": demo_server,
                "sessions": sessions,
                "visited": visited,
                "results": results,
            }
        finally:
            call_command("flush", interactive=False, verbosity=0)
            app.conf.task_always_eager = eager


def _start_paths(role, accounts):
    from carers.models import Household
    from salons.models import Salon

    paths = ["/"]
    if role == "resident":
        salon = Salon.objects.filter(sessions__starts_at__gt=timezone.now()).first()
        paths.append(f"/salons/{salon.pk}/")  # the join form, shown to signed-in people
    if role == "municipal_staff":
        paths.append(f"/cases/{Household.objects.get(reference='DEMO-A11Y-1').public_id}/")
    if role == "prefecture_staff":
        # Pages an earlier role reached, with links only prefecture staff see.
        paths += ["/privacy/", "/services/manage/"]
    return paths


def _pages(demo_site):
    return [r for r in demo_site["results"] if "route" in r]


def test_every_page_is_reached(demo_site):
    from django.urls import resolve
    from django.utils import translation

    from tests.test_access_matrix import _routes

    translation.activate("ja")
    names = set()
    for route in _routes():
        try:
            names.add(resolve(crawl_path(route)).view_name)
        except Exception:
            continue
    failed = [r for r in demo_site["results"] if "route" not in r]
    missing = sorted(
        n
        for n in names
        if n not in demo_site["visited"]
        and n not in NOT_CRAWLED
        and not n.startswith(NOT_CRAWLED_PREFIXES)
    )
    assert not failed, f"pages that did not load: {failed}"
    assert not missing, (
        f"no role reached these pages (link them or list them in NOT_CRAWLED): {missing}"
    )
    assert len(_pages(demo_site)) >= 100


def crawl_path(route):
    from tests.test_access_matrix import _fill

    return _fill(route)


def test_no_page_scrolls_sideways_at_320_px(demo_site):
    wide = [
        f"{r['path']} ({r['role']}): {r['scroll_width']} px, {r['wide']}"
        for r in _pages(demo_site)
        if r["scroll_width"] > 320
    ]
    assert not wide, "pages wider than 320 px:\n" + "\n".join(wide)


def test_headings_start_at_one_h1_and_skip_no_level(demo_site):
    bad = [
        f"{r['path']} ({r['role']}): {r['headings']['h1']} h1, skips {r['headings']['skips']}"
        for r in _pages(demo_site)
        if r["headings"]["h1"] != 1 or r["headings"]["skips"]
    ]
    assert not bad, "\n".join(bad)


def test_everything_on_every_page_is_in_a_landmark(demo_site):
    bad = [
        f"{r['path']} ({r['role']}): {r['outside_landmarks']}"
        for r in _pages(demo_site)
        if r["outside_landmarks"]
    ]
    assert not bad, "\n".join(bad)


def test_titles_read_page_then_site_and_differ_between_pages(demo_site):
    bad = [f"{r['path']}: {r['title']!r}" for r in _pages(demo_site) if not r["title_ok"]]
    assert not bad, "titles not of the form 'Page – きづき' / 'Page – Kizuki':\n" + "\n".join(bad)
    routes_by_title = defaultdict(set)
    for r in _pages(demo_site):
        routes_by_title[(r["lang"], r["title"])].add(r["route"])
    shared = {
        title: routes
        for title, routes in routes_by_title.items()
        if len(routes) > 1
        # allauth's two ways of confirming access share its own title
        and routes != {"account_reauthenticate", "account_request_reauthentication_code"}
    }
    assert not shared, f"different pages with the same title: {shared}"


def test_axe_finds_nothing_serious_on_any_page_in_japanese_or_english(demo_site):
    pages = _pages(demo_site)
    assert {r["lang"] for r in pages} == {"ja", "en"}
    bad = [f"{r['path']} ({r['role']}): {r['axe']}" for r in pages if r["axe"]]
    assert not bad, "\n".join(bad)


# Each role's key pages (route names), tabbed through at desktop width.
KEY_PAGES = {
    "visitor": ["home", "awareness:check", "services:guide", "salons:list", "services:detail"],
    "resident": ["salons:my_registrations", "salons:detail", "account_email"],
    "organiser": ["salons:manage", "salons:create", "salons:session_create"],
    "municipal_staff": [
        "carers:household_list",
        "carers:household_create",
        "carers:household_detail",
        "advisors:request_create",
    ],
    "prefecture_staff": ["dashboard", "advisors:request_list", "services:create", "staff_invite"],
    "advisor": ["my_work", "advisors:request_list"],
}


def _desktop_page(chromium, demo_site, role):
    context = chromium.new_context(
        locale="ja-JP",
        timezone_id="Asia/Tokyo",
        viewport={"width": 1280, "height": 900},
        storage_state=demo_site["sessions"][role],
    )
    context.set_default_timeout(20000)
    context.add_init_script(crawl.PROBE)
    page = context.new_page()
    return context, page


def _tab_through(page):
    """Press Tab round the whole page; the probe measures the focus indicator at each stop."""
    for _ in range(min(page.evaluate("kizukiA11y.tabbable()") + 3, MAX_TAB_STOPS)):
        page.keyboard.press("Tab")
    return page.evaluate("kizukiA11y.focusLog")


def test_focus_indicator_and_controls_on_the_key_pages_of_every_role(chromium, demo_site):
    weak_focus, weak_controls, measured, pages = [], [], 0, 0
    lowest = {"vsElement": 99.0, "vsBackground": 99.0, "border": 99.0, "size": 99.0}
    for role, routes in KEY_PAGES.items():
        context, page = _desktop_page(chromium, demo_site, role)
        for route in routes:
            path = demo_site["visited"].get(route)
            assert path, f"{route} was not reached by the crawl"
            page.goto(f"{demo_site['url']}{path}")
            if route == "awareness:check":  # the questions, one step in
                page.locator("main button[name=subject]").first.click()
                page.wait_for_selector("input[type=radio]")
            pages += 1
            stops = _tab_through(page)
            assert len(stops) >= 5, f"{path}: only {len(stops)} tab stops"
            measured += len(stops)
            for stop in stops:
                lowest["vsElement"] = min(lowest["vsElement"], stop["vsElement"])
                lowest["vsBackground"] = min(lowest["vsBackground"], stop["vsBackground"])
                if min(stop["vsElement"], stop["vsBackground"]) < MIN_CONTRAST:
                    weak_focus.append(f"{path} ({role}) {stop}")
            page.evaluate("document.activeElement && document.activeElement.blur()")
            for control in page.evaluate("kizukiA11y.controls()"):
                lowest["border"] = min(lowest["border"], control["borderContrast"])
                lowest["size"] = min(lowest["size"], control["width"], control["height"])
                small = min(control["width"], control["height"]) < MIN_CONTROL_PX
                if small or control["borderContrast"] < MIN_CONTRAST:
                    weak_controls.append(f"{path} ({role}) {control}")
        context.close()
    print(f"{measured} tab stops on {pages} pages; lowest: {lowest}")
    assert pages == sum(len(r) for r in KEY_PAGES.values()) and measured > 200
    assert not weak_focus, f"focus indicators under {MIN_CONTRAST}:1:\n" + "\n".join(
        weak_focus[:30]
    )
    assert not weak_controls, (
        f"controls under {MIN_CONTROL_PX} px or with borders under {MIN_CONTRAST}:1:\n"
        + "\n".join(weak_controls[:30])
    )


def _found_forms(demo_site):
    """Every form the crawl found (Japanese pages), with its key in FORMS."""
    found = {}
    for r in _pages(demo_site):
        signatures = defaultdict(list)  # identical forms (one per session row) count once
        for form in r.get("forms", []):
            action = form["action_route"] or r["route"]
            kinds = signatures[(r["route"], action)]
            if form["fields"] not in kinds:
                kinds.append(form["fields"])
            key = f"{r['route']} -> {action} #{kinds.index(form['fields']) + 1}"
            if not form["fields"]:
                continue  # buttons only: nothing a person fills in
            found.setdefault(key, {**form, "path": r["path"], "role": r["role"]})
    return found


def test_every_form_is_known(demo_site):
    found = _found_forms(demo_site)
    unknown = sorted(set(found) - set(FORMS))
    assert not unknown, (
        "forms without an entry in FORMS (say how to submit them wrongly): " + ", ".join(unknown)
    )
    stale = sorted(set(FORMS) - set(found))
    assert not stale, f"FORMS lists forms the crawl no longer finds: {stale}"


SPOIL = """([index, values]) => {
  const form = document.querySelectorAll('main form')[index];
  form.noValidate = true;
  const typed = ['text', 'email', 'password', 'number', 'date', 'time', 'datetime-local', 'url',
                 'tel', 'search', 'textarea'];
  if (values === null) {
    for (const e of form.elements) if (typed.includes(e.type)) e.value = '';
  } else {
    for (const [name, value] of Object.entries(values)) {
      const e = form.elements[name];
      if (e.type !== 'textarea') e.type = 'text';
      e.removeAttribute('maxlength');
      e.value = value;
    }
  }
  const button = form.querySelector('button[type=submit], input[type=submit], button:not([type])');
  button.setAttribute('data-a11y-submit', '1');
}"""

CHECK = """(prefix) => {
  const summary = document.getElementById('error-summary');
  if (!summary) return {summary: false, title: document.title};
  const links = [...summary.querySelectorAll('a[href^="#"]')];
  return {
    summary: true,
    title: document.title,
    focused: document.activeElement === summary,
    items: summary.querySelectorAll('li').length,
    brokenLinks: links.filter((a) => !document.getElementById(a.getAttribute('href').slice(1)))
                      .map((a) => a.getAttribute('href')),
    top: Math.round(summary.getBoundingClientRect().top + window.scrollY),
    firstInMain: !summary.previousElementSibling || summary.previousElementSibling.matches('.messages'),
  };
}"""


def test_every_form_submitted_wrongly_shows_the_error_summary(chromium, demo_site):
    found = _found_forms(demo_site)
    by_role = defaultdict(list)
    for key, form in sorted(found.items()):
        how = FORMS.get(key)
        if how == "empty" or isinstance(how, dict):
            by_role[form["role"]].append((key, form, how))
    checked, failures = defaultdict(int), []
    for role, forms in by_role.items():
        context, page = _desktop_page(chromium, demo_site, role)
        for n, (key, form, how) in enumerate(forms):
            lang = "en" if n % 2 else "ja"  # each form once, the two languages in turn
            path = f"/en{form['path']}" if lang == "en" else form["path"]
            page.goto(f"{demo_site['url']}{path}")
            page.evaluate(SPOIL, [form["index"], None if how == "empty" else how])
            with page.expect_navigation():
                # The added button is visually hidden: press it as a keyboard user would.
                page.locator("[data-a11y-submit]").dispatch_event("click")
            result = page.evaluate(CHECK)
            checked[lang] += 1
            problems = []
            if not result["summary"]:
                problems.append("no error summary")
            else:
                if not result["focused"]:
                    problems.append("focus not on the summary")
                if not result["items"]:
                    problems.append("summary lists nothing")
                if result["brokenLinks"]:
                    problems.append(f"links to nothing: {result['brokenLinks']}")
                if not result["firstInMain"]:
                    problems.append("summary is not at the top of <main>")
            if not result["title"].startswith(crawl.ERROR_PREFIX[lang]):
                problems.append(f"title {result['title']!r}")
            if problems:
                failures.append(f"{key} at {path} ({role}): {problems}")
        context.close()
    assert checked["ja"] >= 15 and checked["en"] >= 10, f"too few forms checked: {dict(checked)}"
    assert not failures, "\n".join(failures)
