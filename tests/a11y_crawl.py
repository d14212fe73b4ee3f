"""Crawl the site in a real browser as each role and measure what axe cannot.

Used by tests/test_a11y_browser.py. Each role signs in once (staff with TOTP) and follows
the links it can see, one page per route (``/salons/3/`` stands for every salon), skipping
the routes an earlier role already visited; every page is measured in Japanese and English
at 320 CSS px: horizontal scroll, heading order, landmarks, title, axe.
"""

import time
from pathlib import Path
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve

PROBE = (Path(__file__).parent / "a11y_probe.js").read_text()
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Links that are not pages to measure: files, feeds, APIs, switches with side effects.
SKIP_IN_HREF = (
    "/admin/",
    "/api/",
    "/i18n/",
    "/jsi18n/",
    "/media/",
    "/static/",
    "logout",
    "furigana",
    "/healthz",
)
SKIP_SUFFIXES = (".ics", ".csv", ".json", ".jsonld", ".xml", ".pdf", ".zip", ".txt")
TITLE_SUFFIX = {"ja": " – きづき", "en": " – Kizuki"}
ERROR_PREFIX = {"ja": "エラー：", "en": "Error: "}
MAX_PAGES_PER_ROLE = 80


def route_of(path: str) -> str | None:
    """The route a path belongs to ("salons:detail"), or None when it is not ours."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def axe_script() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


def new_context(browser, base_url, width=320):
    context = browser.new_context(
        locale="ja-JP", timezone_id="Asia/Tokyo", viewport={"width": width, "height": 800}
    )
    context.set_default_timeout(20000)
    context.add_init_script(PROBE)
    context.add_init_script(axe_script())
    page = context.new_page()
    page.base_url = base_url
    return context, page


def sign_in(page, email, password, totp_secret=None):
    from conftest import totp_now

    page.goto(f"{page.base_url}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    if page.locator("input[name=code]").count():
        page.fill("input[name=code]", totp_now(totp_secret))
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, f"could not sign in as {email}"


def links(page) -> list[str]:
    """Same-origin page links of the current page, as paths with their query."""
    hrefs = page.evaluate(
        """() => [...document.querySelectorAll('a[href]')]
            .filter((a) => !a.hasAttribute('download') && a.origin === location.origin)
            .map((a) => a.pathname + a.search)"""
    )
    found = []
    for href in hrefs:
        path = urlsplit(href).path
        if any(s in href for s in SKIP_IN_HREF) or path.endswith(SKIP_SUFFIXES):
            continue
        if path.startswith("/en/"):
            continue  # the Japanese page stands for both; English is measured alongside
        found.append(href)
    return found


def run_axe(page) -> list[str]:
    result = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
        ".then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')"
        ".map((v) => `${v.id} (${v.nodes.length}: ${v.nodes.slice(0, 2).map((n) => n.target).join(' ')})`))",
        AXE_TAGS,
    )
    return result


def forms(page) -> list[dict]:
    """The forms in <main>: method, action route and the fields a person fills in."""
    found = page.evaluate(
        """() => [...document.querySelectorAll('main form')].map((f, index) => ({
            index,
            method: (f.getAttribute('method') || 'get').toLowerCase(),
            action: new URL(f.action, location.href).pathname,
            fields: [...f.elements].filter((e) => e.name && !['hidden', 'submit', 'button'].includes(e.type))
                      .map((e) => `${e.name}:${e.type}`).filter((n, i, all) => all.indexOf(n) === i),
        }))"""
    )
    for form in found:
        form["action_route"] = route_of(form["action"])
    return found


TIMINGS = {"load": 0.0, "axe": 0.0, "measure": 0.0}


def measure(page, lang: str) -> dict:
    """Everything measured on one loaded page (at the context's 320 px width)."""
    started = time.monotonic()
    found = page.evaluate("kizukiA11y.layout()")
    title = found["title"]
    TIMINGS["measure"] += time.monotonic() - started
    started = time.monotonic()
    violations = run_axe(page)
    TIMINGS["axe"] += time.monotonic() - started
    return {
        **found,
        "title_ok": title.endswith(TITLE_SUFFIX[lang])
        and len(title) > len(TITLE_SUFFIX[lang])
        and not title.startswith(TITLE_SUFFIX[lang].strip()),
        "axe": violations,
    }


def crawl_role(page, start_paths, visited_routes, results, role, limit=MAX_PAGES_PER_ROLE):
    """Follow links as one role from ``start_paths``; measure each new route's first page
    in Japanese and English. ``visited_routes`` maps route -> first path (shared by roles)."""
    queue = list(start_paths)
    seen_paths = set()
    count = 0
    started = time.monotonic()
    while queue and count < limit:
        path = queue.pop(0)
        if path in seen_paths:
            continue
        seen_paths.add(path)
        route = route_of(urlsplit(path).path)
        if route is None:
            continue
        first_visit = route not in visited_routes
        if not first_visit and path not in start_paths:
            continue
        started = time.monotonic()
        response = page.goto(f"{page.base_url}{path}")
        TIMINGS["load"] += time.monotonic() - started
        if response is None or response.status >= 400:
            results.append({"role": role, "path": path, "status": response and response.status})
            continue
        if "text/html" not in (response.headers.get("content-type") or ""):
            continue
        # A redirect (e.g. to a sign-in page) belongs to the route it lands on.
        landed = urlsplit(page.url).path
        route = route_of(landed) or route
        queue.extend(links(page))
        if route in visited_routes and path not in start_paths:
            continue
        visited_routes.setdefault(route, path)
        count += 1
        results.append(
            {
                "role": role,
                "path": path,
                "route": route,
                "lang": "ja",
                "forms": forms(page),
                **measure(page, "ja"),
            }
        )
        started = time.monotonic()
        page.goto(f"{page.base_url}/en{path}")
        TIMINGS["load"] += time.monotonic() - started
        results.append(
            {
                "role": role,
                "path": f"/en{path}",
                "route": route,
                "lang": "en",
                **measure(page, "en"),
            }
        )
    return time.monotonic() - started
