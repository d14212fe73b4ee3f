"""`make bench`: the portal's throughput and latency at real volume.

For each volume (tests/benchdata.py: prefecture, national) in its own benchmark
database (``<dev database>_bench_<volume>``, never the development or test one):

1. seeds the volume through the project's models (kept between runs);
2. renders every benchmarked page in-process with an empty cache: queries per
   page, SQL time, and EXPLAIN ANALYZE of each page's slowest query;
3. serves the portal with gunicorn under production settings (DEBUG=0, the
   repository's gunicorn.conf.py, on a loopback port) and, with the same
   gunicorn settings and database, the reference project tests/benchref (a
   plain view and a 20-row list page);
4. drives wrk against every page and both reference pages, interleaved, for
   several rounds; prints req/s, p50/p95/p99, the ratio to each reference (same
   round), peak worker memory and a single staff CSV export.

Environment: BENCH_QUICK=1 (one short round), BENCH_VOLUMES=prefecture,national,
BENCH_ROUNDS, BENCH_SECONDS, BENCH_CONNECTIONS (default 8), BENCH_REGENERATE=1,
BENCH_PAGES=calendar,healthz (only pages whose path contains one of these).
Prints measurements; asserts nothing.
"""

import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("DEBUG", "1")

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
PREF = "bench-pref@example.jp"
MUNI = "bench-sapporo@example.jp"

# (path, persona): persona None is an anonymous visitor.
PAGES = [
    ("/", None),
    ("/en/", None),
    ("/awareness/", None),
    ("/salons/", None),
    ("/salons/?online=1", None),
    ("/salons/{salon}/", None),
    ("/salons/calendar.ics", None),
    ("/services/", None),
    ("/services/?q=かいご", None),
    ("/services/?municipality=011002", None),
    ("/services/{service}/", None),
    ("/api/hsds/services", None),
    ("/api/hsds/services?page=100000", None),
    ("/healthz", None),
    ("/dashboard/", PREF),
    ("/services/manage/", PREF),
    ("/salons/manage/", PREF),
    ("/advisors/requests/", PREF),
    ("/cases/", MUNI),
]
EXPORT = ("/services/manage/export.csv", PREF)
REFERENCES = [("ref:plain", "/plain"), ("ref:list20", "/rows")]

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %d %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status))
end
"""


def _settings():
    quick = os.environ.get("BENCH_QUICK") == "1"
    return {
        "quick": quick,
        "volumes": os.environ.get("BENCH_VOLUMES", "prefecture,national").split(","),
        # Three rounds, and each figure is the median of its rounds: a page whose
        # round met a burst of the shared machine's neighbours is not judged by it.
        "rounds": int(os.environ.get("BENCH_ROUNDS", "1" if quick else "3")),
        "seconds": int(os.environ.get("BENCH_SECONDS", "2" if quick else "4")),
        "connections": int(os.environ.get("BENCH_CONNECTIONS", "8")),
        "national_rounds": int(os.environ.get("BENCH_NATIONAL_ROUNDS", "1" if quick else "3")),
        # Only the pages whose path contains one of these (comma-separated), for
        # working on one page; the reference pages are always measured.
        "pages": [p for p in os.environ.get("BENCH_PAGES", "").split(",") if p],
    }


def _database_url(volume):
    """The benchmark database's URL, beside the development database."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    name = os.environ.get("BENCH_DATABASE_PREFIX") or f"{db['NAME']}_bench"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}_{volume}"


def _create_database(url):
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def _env(url, volume):
    """Production settings for the benchmark servers and subprocesses."""
    from django.conf import settings

    env = {k: v for k, v in os.environ.items() if not k.startswith("BENCH_")}
    env.update(
        DEBUG="0",
        KIZUKI_ENV_FILE="",
        SECRET_KEY="bench-" + os.urandom(16).hex(),
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DATABASE_URL=url,
        CACHE_KEY_PREFIX=f"{settings.CACHES['default'].get('KEY_PREFIX') or 'kizuki'}_bench_{volume}",
        EMAIL_URL="consolemail://",
        CONN_MAX_AGE=str(settings.DATABASES["default"].get("CONN_MAX_AGE") or 0),
        CONN_HEALTH_CHECKS="1" if settings.DATABASES["default"].get("CONN_HEALTH_CHECKS") else "0",
        PYTHONPATH=str(ROOT),
    )
    return env


def _run_json(args, env, stdin=None):
    out = subprocess.run(
        [PYTHON, *args], env=env, cwd=ROOT, input=stdin, capture_output=True, text=True
    )
    if out.returncode:
        raise SystemExit(f"{' '.join(args)} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _gunicorn(app, env, port):
    log = tempfile.NamedTemporaryFile(prefix="bench-gunicorn-", suffix=".log", delete=False)
    proc = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            app,
            "-c",
            str(ROOT / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    proc.log = log.name
    return proc


def _wait(url, proc, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"gunicorn exited; see {proc.log}")
        try:
            req = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
            urllib.request.urlopen(req, timeout=5).read()
            return
        except Exception:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer; see {proc.log}")


def _fetch(url, cookie=None, timeout=60):
    headers = {"X-Forwarded-Proto": "https"}
    if cookie:
        headers["Cookie"] = f"sessionid={cookie}"
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(
            urllib.request.Request(quote(url, safe=":/?&=%"), headers=headers), timeout=timeout
        ) as response:
            response.read()
    except Exception:
        pass
    return time.perf_counter() - started


def _drain(health_url, limit=90):
    """Wait (at most ``limit`` seconds) until the server answers at once again."""
    deadline = time.time() + limit
    while time.time() < deadline and _fetch(health_url, timeout=limit) > 0.25:
        pass


def _stop(proc):
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


def _workers(proc):
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == proc.pid:
            pids.append(int(stat.parent.name))
    return pids


def _peak_mb(proc):
    """Peak resident memory (VmHWM) of the largest worker, in MB."""
    peaks = []
    for pid in _workers(proc):
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]) / 1024)
        except OSError:
            pass
    return max(peaks, default=0.0)


def _wrk(url, cfg, script, cookie=None):
    args = [
        "wrk",
        "-t2",
        f"-c{cfg['connections']}",
        f"-d{cfg['seconds']}s",
        "--timeout",
        "10s",
        "-s",
        script,
        "-H",
        "X-Forwarded-Proto: https",
        # As every browser and calendar app does (both servers get it; the
        # reference project does not compress, the portal's cached pages are).
        "-H",
        "Accept-Encoding: gzip, deflate",
    ]
    if cookie:
        args += ["-H", f"Cookie: sessionid={cookie}"]
    url = quote(url, safe=":/?&=%")
    out = subprocess.run([*args, url], capture_output=True, text=True).stdout
    line = next((ln for ln in out.splitlines() if ln.startswith("BENCH ")), None)
    if line is None:
        return None
    requests, duration, p50, p95, p99, errors, bad_status = map(int, line.split()[1:])
    return {
        "rps": requests / (duration / 1e6) if duration else 0.0,
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "p99": p99 / 1000,
        "errors": errors + bad_status,
    }


def _export(base, cookie, proc):
    """One staff CSV export: seconds, bytes, status and the worker's peak memory after."""
    path, _persona = EXPORT
    req = urllib.request.Request(
        quote(base + path, safe=":/?&=%"),
        headers={"X-Forwarded-Proto": "https", "Cookie": f"sessionid={cookie}"},
    )
    started = time.perf_counter()
    size, status = 0, 0
    try:
        with urllib.request.urlopen(req, timeout=120) as response:
            status = response.status
            while chunk := response.read(65536):
                size += len(chunk)
    except Exception as exc:
        status = getattr(exc, "code", type(exc).__name__)
    return {
        "seconds": time.perf_counter() - started,
        "bytes": size,
        "status": status,
        "peak_mb": _peak_mb(proc),
    }


def _median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else float("nan")


def bench_volume(volume, cfg):
    from tests.benchdata import VOLUMES

    url = _database_url(volume)
    _create_database(url)
    env = _env(url, volume)
    print(f"\n## {volume} volume ({url.rsplit('/', 1)[1]})", flush=True)
    seeded = _run_json(["-m", "tests.benchdata", "seed", volume], env)
    subprocess.run([PYTHON, "-m", "tests.benchref", "seed"], env=env, cwd=ROOT, check=True)
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        env=env,
        cwd=ROOT,
        check=True,
    )
    ids = seeded["ids"]
    pages = [
        (path.format(**ids), persona)
        for path, persona in PAGES
        if not cfg["pages"]
        or path in cfg["pages"]
        or any(len(part) > 1 and part in path for part in cfg["pages"])
    ]
    print(
        "data: "
        + ", ".join(f"{k} {v:,}" for k, v in seeded["counts"].items())
        + f" (target {VOLUMES[volume]['services']:,} services; seeding took {seeded['seconds']} s)",
        flush=True,
    )
    probe_env = {**env, "REDIS_URL": ""}  # in-process cache, cleared before each render
    probed = _run_json(["-m", "tests.benchdata", "probe", volume], probe_env, json.dumps(pages))
    cookies = probed["cookies"]

    portal_port, ref_port = _free_port(), _free_port()
    portal = _gunicorn("portal.wsgi:application", env, portal_port)
    ref_env = {**env, "DJANGO_SETTINGS_MODULE": "tests.benchref.settings"}
    ref = _gunicorn("tests.benchref.wsgi:application", ref_env, ref_port)
    base, ref_base = f"http://127.0.0.1:{portal_port}", f"http://127.0.0.1:{ref_port}"
    results = {}
    try:
        _wait(base + "/healthz", portal)
        _wait(ref_base + "/plain", ref)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
            fh.write(WRK_SCRIPT)
            script = fh.name
        targets = [(name, ref_base + path, None) for name, path in REFERENCES]
        targets += [(path, base + path, cookies.get(persona)) for path, persona in pages]
        # Warm both servers before the first round (not counted): every worker
        # thread opens its database and Redis connections on its first request, as
        # a server that has been up for a minute already has. Without it the first
        # page measured paid for a dozen connection set-ups (p99 of 350-630 ms on /).
        for warm in (ref_base + "/rows", base + "/healthz", base + "/"):
            _wrk(warm, {**cfg, "seconds": 2}, script)
        _drain(base + "/healthz")
        rounds = cfg["rounds"] if volume != "national" else cfg["national_rounds"]
        for _round in range(rounds):
            for name, target, cookie in targets:
                # One request first, as a page's first visitor after a change would
                # make it: imports, connections and the page's caches are warm.
                _fetch(target, cookie)
                results.setdefault(name, []).append(_wrk(target, cfg, script, cookie))
                # Requests wrk gave up on are still queued in the server: let them
                # finish, so they are not counted against the next page.
                _drain(base + "/healthz")
        export = _export(base, cookies[EXPORT[1]], portal)
        memory = {"portal": _peak_mb(portal), "reference": _peak_mb(ref)}
    finally:
        _stop(portal)
        _stop(ref)
    return _report(volume, cfg, pages, results, probed["pages"], export, memory)


def _report(volume, cfg, pages, results, probed, export, memory):
    refs = {name: results[name] for name, _path in REFERENCES}

    def ratio(name, ref):
        pairs = zip(results[name], refs[ref], strict=True)
        return _median([a["rps"] / b["rps"] for a, b in pairs if a and b and b["rps"]])

    def row(name):
        runs = [r for r in results[name] if r and r["rps"] > 0]
        if not runs:  # not one answer within the run: stalled
            nan = float("nan")
            errors = sum(r["errors"] for r in results[name] if r)
            return dict(rps=0.0, p50=nan, p95=nan, p99=nan, errors=errors, x_plain=0.0, x_list=0.0)
        return {
            "rps": _median([r["rps"] for r in runs]),
            "p50": _median([r["p50"] for r in runs]),
            "p95": _median([r["p95"] for r in runs]),
            "p99": _median([r["p99"] for r in runs]),
            "errors": sum(r["errors"] for r in runs),
            "x_plain": ratio(name, "ref:plain"),
            "x_list": ratio(name, "ref:list20"),
        }

    header = (
        f"| {'page':34} | {'req/s':>7} | {'p50 ms':>7} | {'p95 ms':>7} | {'p99 ms':>7} "
        f"| {'×plain':>6} | {'×list20':>7} | {'queries':>7} | {'SQL ms':>7} | {'cold ms':>7} | {'errors':>6} |"
    )
    lines = [header, "|" + "|".join("-" * (len(c)) for c in header.split("|")[1:-1]) + "|"]
    table = {}
    for name in [n for n, _ in REFERENCES] + [p for p, _ in pages]:
        r = row(name)
        p = probed.get(name, {})
        table[name] = {**r, **{k: p.get(k) for k in ("queries", "sql_ms", "render_ms", "status")}}
        label = name + (" (staff)" if name in dict(pages) and dict(pages)[name] else "")
        lines.append(
            f"| {label[:34]:34} | {r['rps']:7.1f} | {r['p50']:7.1f} | {r['p95']:7.1f} | {r['p99']:7.1f} "
            f"| {r['x_plain']:6.3f} | {r['x_list']:7.2f} | {p.get('queries', ''):>7} "
            f"| {p.get('sql_ms', ''):>7} | {p.get('render_ms', ''):>7} | {r['errors']:>6} |"
        )
    print(
        f"\n{volume}: wrk -c{cfg['connections']} -d{cfg['seconds']}s × {len(results['ref:plain'])} rounds, "
        "interleaved with the reference pages; queries/SQL/cold = in-process render with an empty cache"
    )
    print("\n".join(lines))
    if len(results["ref:plain"]) > 1:
        print("\nreq/s · p95 ms of each round (the table shows their medians):")
        for name in table:
            rounds = "  ".join(
                f"{r['rps']:7.1f} · {r['p95']:6.1f}" if r else "      – ·      –"
                for r in results[name]
            )
            print(f"  {name[:34]:34}  {rounds}")
    print(
        f"\npeak worker memory: portal {memory['portal']:.0f} MB, reference {memory['reference']:.0f} MB"
    )
    print(
        f"staff CSV export: status {export['status']}, {export['bytes'] / 1e6:.1f} MB in "
        f"{export['seconds']:.1f} s, portal worker peak {export['peak_mb']:.0f} MB"
    )
    print("\nslowest query of each page (cold render), EXPLAIN ANALYZE (first lines):")
    for name, _persona in pages:
        p = probed.get(name)
        if not p or not p["plan"]:
            continue
        print(f"- {name}: {p['slowest_ms']} ms of {p['sql_ms']} ms SQL")
        for plan_line in p["plan"][:6]:
            print(f"      {plan_line}")
    return {"table": table, "export": export, "memory": memory}


def _machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    load = os.getloadavg()
    return (
        f"{os.cpu_count()} CPUs ({cpu}), load average {load[0]:.1f} at start, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


def volume_bench():
    cfg = _settings()
    print(f"# Kizuki benchmark\nmachine: {_machine()}")
    print(f"gunicorn: {(ROOT / 'gunicorn.conf.py').name}; wrk {cfg['connections']} connections")
    summary = {}
    for volume in cfg["volumes"]:
        summary[volume] = bench_volume(volume.strip(), cfg)
    if {"prefecture", "national"} <= set(summary):
        # The volumes are measured minutes apart on a shared machine: the 20-row
        # reference page (the same at both volumes) shows how much faster or
        # slower the machine itself was, and the second column takes that out.
        nat_ref = summary["national"]["table"]["ref:list20"]["p50"]
        pref_ref = summary["prefecture"]["table"]["ref:list20"]["p50"]
        drift = nat_ref / pref_ref if pref_ref else float("nan")
        print(
            "\nnational ÷ prefecture (13× the services): p50 latency ratio per page; "
            f"second column ÷ the 20-row reference page's own ratio ({drift:.2f})"
        )
        for name, national in summary["national"]["table"].items():
            pref = summary["prefecture"]["table"].get(name)
            if pref and pref["p50"] and pref["p50"] == pref["p50"]:
                ratio = national["p50"] / pref["p50"]
                print(f"  {name:40} {ratio:5.2f}  {ratio / drift:5.2f}")
    return summary


def _development_data():
    """Topic benchmarks below run against the development database with the demo data."""
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))


def main():
    import django

    django.setup()
    volume_bench()
    _development_data()
    # Topic benchmarks: one line each, `from tests import bench_<topic>; bench_<topic>.run()`.
    __import__("tests.bench_import", fromlist=["run"]).run()
    __import__("tests.bench_opendata").bench_opendata.run()


if __name__ == "__main__":
    main()
