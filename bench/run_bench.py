"""`make bench`: throughput and latency of the public pages, and the big CSV export.

On the local PostgreSQL (database `sodium_bench`, made and reused), with DEBUG off,
behind gunicorn, on data from `manage.py generate_data --scale 1`:

* wrk, on loopback and bounded in time, against /healthz (the framework's floor: no
  database), the home page, each list's first page and a deep, filtered page, each
  detail page and search; each figure is also given as a ratio to /healthz's
  throughput measured in the same run;
* the CSV export of every public evaluation result, timed with curl beside
  PostgreSQL's COPY of the same rows and columns, with the peak resident memory of
  the gunicorn worker that streamed it.

It prints one table and writes it, with the machine it ran on, to
docs/performance.md under a heading (`--label`, replacing an earlier section of the
same name). Targets on a 2-core machine: every public page at least 40% of /healthz's
throughput, p99 under 100 ms at 32 connections; the CSV export within 3x of COPY's
time and under 150 MB peak memory.

Run it as `make bench` (which installs wrk from Debian's packages when it is missing),
or `.venv/bin/python bench/run_bench.py --help`.
"""

import argparse
import contextlib
import csv
import datetime
import math
import os
import platform
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
PYTHON = Path(sys.executable)
BIN = PYTHON.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/sodium_bench"
DOCS = PROJECT_DIR / "docs" / "performance.md"

# Targets from the issue, for a 2-core machine.
MIN_RATIO_TO_FLOOR = 0.40
MAX_P99_MS = 100.0
MAX_CSV_TO_COPY = 3.0
MAX_CSV_PEAK_MB = 150.0

# Gunicorn sync workers: 3 on 2 cores. A sync worker holds its core while it renders
# and lets go while it waits on PostgreSQL, so one worker more than the cores keeps
# both busy; more would only add switching and memory on a machine that also runs
# PostgreSQL and wrk.
DEFAULT_WORKERS = 3


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def run(args: list[str], *, env: dict, timeout: float, quiet: bool = False) -> str:
    """Run a command to completion within `timeout` seconds; its output, or an error."""
    result = subprocess.run(  # noqa: S603 -- fixed programs, arguments from this script
        args, cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(args[:3])} … failed ({result.returncode}):\n{result.stderr[-3000:]}"
        )
    if not quiet and result.stdout.strip():
        print(result.stdout.rstrip(), flush=True)
    return result.stdout


# --- The database, the data and the server ------------------------------------------


def bench_environment(database_url: str, static_root: Path, page_cache: bool) -> dict:
    """Production settings: DEBUG off, a fresh secret key, loopback host, no HTTPS redirect.

    The page cache is off unless asked for: wrk requests one URL over and over, so with
    it on the figures would be those of cache hits, not of the pages.
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_STATIC_ROOT=str(static_root),
        DJANGO_LOG_LEVEL="WARNING",
        DATABASE_URL=database_url,
        PYTHONDONTWRITEBYTECODE="1",
    )
    if not page_cache:
        env["DJANGO_PAGE_CACHE_SECONDS"] = "0"
    return env


def ensure_database(database_url: str) -> None:
    import psycopg
    from psycopg import sql

    name = database_url.rsplit("/", 1)[1].split("?")[0]
    admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=10) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            log(f"creating database {name}")
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def ensure_data(env: dict, scale: float, expected_results: int) -> float | None:
    """Generate the data unless this scale's data is already there; the seconds it took."""
    from evaluations.models import EvaluationResult
    from sampledata.synthetic import synthetic_source

    source = synthetic_source()
    if source is not None:
        present = EvaluationResult.objects.filter(source=source).count()
        if present == expected_results:
            log(f"synthetic data already present ({present:,} results): reusing it")
            return None
        log(f"synthetic data of another scale present ({present:,} results): removing it")
        run([str(PYTHON), "manage.py", "generate_data", "--remove"], env=env, timeout=1800)
    log(f"generating synthetic data at scale {scale:g}")
    started = time.perf_counter()
    run(
        [str(PYTHON), "manage.py", "generate_data", "--scale", str(scale), "--verbosity", "0"],
        env=env,
        timeout=3600,
    )
    return time.perf_counter() - started


def analyze(database_url: str) -> None:
    """Fresh planner statistics, so that the plans don't depend on autovacuum's timing."""
    import psycopg

    with psycopg.connect(database_url, autocommit=True, connect_timeout=10) as connection:
        connection.execute("VACUUM (ANALYZE)")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log_path: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def workers(self) -> list[int]:
        return child_pids(self.process.pid)

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        log(f"stopping gunicorn (pid {self.process.pid})")
        with contextlib.suppress(ProcessLookupError):
            self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            # Our own process group: gunicorn's master and its workers, nothing else.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


def start_server(env: dict, workers: int, log_dir: Path) -> Server:
    port = free_port()
    log_path = log_dir / "gunicorn.log"
    args = [
        str(BIN / "gunicorn"),
        "config.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        # The export of every result takes longer than gunicorn's default 30 s limit.
        "--timeout",
        "300",
        "--graceful-timeout",
        "10",
        "--log-level",
        "warning",
        "--error-logfile",
        str(log_path),
    ]
    log(f"starting gunicorn: {workers} sync workers on 127.0.0.1:{port}")
    process = subprocess.Popen(  # noqa: S603 -- the venv's gunicorn
        args, cwd=PROJECT_DIR, env=env, start_new_session=True
    )
    server = Server(process, port, log_path)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited at start; see {log_path}")
        with contextlib.suppress(OSError):
            if http_status(f"{server.base}/healthz") == 200 and len(server.workers()) >= workers:
                return server
        time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"gunicorn did not answer within 60 s; see {log_path}")


def restart_workers(server: Server, workers: int) -> None:
    """Fresh workers (HUP), so that their peak memory counts from now."""
    old = set(server.workers())
    server.process.send_signal(signal.SIGHUP)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        current = set(server.workers())
        if len(current) >= workers and not (current & old):
            with contextlib.suppress(OSError):
                if http_status(f"{server.base}/healthz") == 200:
                    return
        time.sleep(0.3)
    raise RuntimeError("gunicorn workers did not restart within 60 s")


def child_pids(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        return [int(child) for child in children.read_text().split()]
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
    return found


def memory_kb(pid: int, key: str) -> int:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def single_request_ms(url: str, runs: int = 5) -> float:
    """The page's own cost: the best of a few requests made one after another on an
    otherwise idle server (the best, because other work on the machine only adds)."""
    times = []
    for _ in range(runs):
        output = run(
            ["curl", "-sS", "--max-time", "120", "-o", os.devnull, "-w", "%{time_total}", url],
            env=dict(os.environ),
            timeout=130,
            quiet=True,
        )
        times.append(float(output) * 1000)
    return min(times)


def drain(server: Server, limit_seconds: float = 120) -> None:
    """Wait until gunicorn has worked through requests that wrk gave up on.

    A sync worker still renders a request whose client has timed out and gone; after
    a run against a slow page such a backlog would eat into the next measurement. A
    /healthz request waits in the same queue, so it comes back quickly only once the
    queue is empty.
    """
    deadline = time.monotonic() + limit_seconds
    while time.monotonic() < deadline:
        started = time.perf_counter()
        with contextlib.suppress(OSError):
            http_status(f"{server.base}/healthz")
        if time.perf_counter() - started < 0.1:
            return
    log(f"gunicorn still busy after {limit_seconds:.0f} s of waiting: measuring anyway")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


# Built once: building an opener sets up TLS, which costs tens of milliseconds.
_OPENER = urllib.request.build_opener(_NoRedirect)


def http_status(url: str) -> int:
    """The status of a GET, redirects not followed (a redirect is not the page)."""
    request = urllib.request.Request(url, method="GET")  # noqa: S310 -- http on loopback
    try:
        with _OPENER.open(request, timeout=60) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def load_average() -> float:
    return os.getloadavg()[0]


def wait_until_quiet(limit: float, seconds: int) -> None:
    """Wait (bounded) for other work on the machine to settle: it skews every figure."""
    deadline = time.monotonic() + seconds
    while load_average() > limit and time.monotonic() < deadline:
        log(f"load average {load_average():.2f} > {limit}: waiting for the machine to quieten")
        time.sleep(15)
    if load_average() > limit:
        log(f"load average still {load_average():.2f}: measuring anyway (the report says so)")


# --- The pages --------------------------------------------------------------------------


@dataclass
class Page:
    name: str
    path: str
    note: str = ""


def pages_to_measure() -> list[Page]:
    """The URLs, with real slugs and the deepest page of a filtered list, from the data."""
    from django.db.models import Count, Q

    from core.listing import FilteredListView
    from core.models import Visibility
    from directory.models import Organization, Person
    from evaluations.models import EvaluationBatch, EvaluationResult
    from forums.models import Forum
    from sampledata.synthetic import SYNTHETIC_PREFIX
    from standards.models import Standard

    published = Visibility.PUBLIC
    per_page = FilteredListView.paginate_by

    def last_page(count: int) -> int:
        return max(1, math.ceil(count / per_page))

    synthetic = Q(slug__startswith=SYNTHETIC_PREFIX)
    forum = (
        Forum.objects.public()
        .filter(synthetic)
        .annotate(n=Count("talks"))
        .order_by("-n", "pk")
        .first()
    )
    standard = (
        Standard.objects.public()
        .filter(synthetic)
        .annotate(n=Count("drafting_roles", distinct=True) + Count("milestones", distinct=True))
        .order_by("-n", "pk")
        .first()
    )
    batch = EvaluationBatch.objects.public().filter(synthetic).order_by("-announced_on").first()
    organization = (
        Organization.objects.filter(synthetic)
        .annotate(
            n=Count(
                "evaluation_results",
                filter=Q(evaluation_results__batch__visibility=published),
            )
        )
        .order_by("-n", "pk")
        .first()
    )
    person = (
        Person.objects.filter(synthetic)
        .annotate(
            n=Count("talk_credits", filter=Q(talk_credits__talk__forum__visibility=published))
        )
        .order_by("-n", "pk")
        .first()
    )
    code = (
        Standard.objects.public()
        .filter(synthetic, code__startswith="T/")
        .values_list("code", flat=True)
        .first()
        or "T/CNESA"
    )
    code_query = code.split("/", 1)[1].split(" ", 1)[1] if " " in code else code

    forums_last = last_page(Forum.objects.public().count())
    standards_last = last_page(Standard.objects.public().filter(level="group").count())
    batches_last = last_page(EvaluationBatch.objects.public().count())
    results_last = last_page(
        EvaluationResult.objects.filter(batch__visibility=published, outcome="passed").count()
    )
    organizations_last = last_page(Organization.objects.filter(kind="company").count())

    return [
        Page("Health check (floor)", "/healthz"),
        Page("Home", "/"),
        Page("Forums, first page", "/forums/"),
        Page("Forums, last page by title", f"/forums/?sort=title&page={forums_last}"),
        Page("Standards, first page", "/standards/"),
        Page("Standards, group, last page", f"/standards/?level=group&page={standards_last}"),
        Page("Batches, first page", "/evaluations/"),
        Page("Batches, last page by program", f"/evaluations/?sort=program&page={batches_last}"),
        Page("Results, first page", "/evaluations/results/"),
        Page(
            "Results, passed, last page",
            f"/evaluations/results/?outcome=passed&page={results_last}",
        ),
        Page("Organizations, first page", "/organizations/"),
        Page(
            "Organizations, companies, last page",
            f"/organizations/?kind=company&page={organizations_last}",
        ),
        Page("Forum detail", forum.get_absolute_url(), f"{forum.n} talks"),
        Page(
            "Standard detail", standard.get_absolute_url(), f"{standard.n} drafters and milestones"
        ),
        Page("Batch detail", batch.get_absolute_url(), f"{batch.results.count()} results"),
        Page("Organization detail", organization.get_absolute_url(), f"{organization.n} results"),
        Page("Person detail", person.get_absolute_url(), f"{person.n} talks"),
        Page("Search, words", "/search/?q=sodium+battery"),
        Page("Search, standard code", "/search/?q=" + urllib.parse.quote(code_query)),
    ]


# --- wrk ----------------------------------------------------------------------------


@dataclass
class WrkResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int
    error_text: str = ""
    single_ms: float = 0.0  # one request at a time: the page's own cost

    @property
    def answered(self) -> bool:
        return self.requests > 0 and self.p99_ms > 0


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def to_ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip()).groups()
    return float(number) * _UNITS_MS[unit]


def parse_wrk(output: str) -> WrkResult:
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = to_ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = to_ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors, texts = 0, []
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        errors += int(match.group(1))
        texts.append(f"{match.group(1)} non-2xx")
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        socket_errors = sum(int(n) for n in match.groups())
        if socket_errors:
            errors += socket_errors
            texts.append(match.group(0))
    return WrkResult(rps, p50, p99, requests, errors, "; ".join(texts))


def run_wrk(url: str, *, threads: int, connections: int, seconds: int, env: dict) -> WrkResult:
    args = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "--latency",
        url,
    ]
    output = run(args, env=env, timeout=seconds + 60, quiet=True)
    return parse_wrk(output)


# --- CSV export beside COPY -----------------------------------------------------------


def copy_sql(base_url: str) -> str:
    """The export's rows and columns, as the view selects and orders them, for COPY."""
    from directory.models import OrganizationKind
    from evaluations.models import Outcome

    def label(column: str, choices) -> str:
        cases = " ".join(f"WHEN '{value}' THEN '{text}'" for value, text in choices)
        return f"CASE {column} {cases} ELSE {column} END"

    # Our own labels and loopback URL in the text: no outside input.
    return (
        "SELECT o.name, o.native_name, "  # noqa: S608
        f"{label('o.kind', OrganizationKind.choices)}, r.product, p.name, b.number, "
        f"{label('r.outcome', Outcome.choices)}, r.withdrawn_on, r.withdrawal_reason, "
        "b.announced_on, COALESCE(bs.code, ps.code, ''), "
        f"'{base_url}/evaluations/' || b.slug || '/#result-' || r.id "
        "FROM evaluations_evaluationresult r "
        "JOIN evaluations_evaluationbatch b ON b.id = r.batch_id "
        "JOIN evaluations_evaluationprogram p ON p.id = b.program_id "
        "JOIN directory_organization o ON o.id = r.organization_id "
        "LEFT JOIN standards_standard bs ON bs.id = b.basis_standard_id "
        "LEFT JOIN standards_standard ps ON ps.id = p.basis_standard_id "
        "WHERE b.visibility = 'published' "
        'ORDER BY b.announced_on DESC, p.name, b.number, r."order"'
    )


def time_copy(database_url: str, base_url: str, runs: int, env: dict) -> list[float]:
    command = f"\\copy ({copy_sql(base_url)}) TO '/dev/null' WITH (FORMAT csv, HEADER)"
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run(
            ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", database_url, "-c", command],
            env=env,
            timeout=600,
        )
        times.append(time.perf_counter() - started)
    return times


@dataclass
class CsvResult:
    rows: int
    megabytes: float
    seconds: list[float] = field(default_factory=list)
    peak_rss_mb: float = 0.0
    baseline_rss_mb: float = 0.0


def time_csv(server: Server, workers: int, runs: int, env: dict, scratch: Path) -> CsvResult:
    url = f"{server.base}/evaluations/results/?format=csv"
    restart_workers(server, workers)
    baseline = max(memory_kb(pid, "VmRSS") for pid in server.workers()) / 1024
    sampled = {"peak": 0}
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            for pid in server.workers():
                sampled["peak"] = max(sampled["peak"], memory_kb(pid, "VmRSS"))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    result = CsvResult(rows=0, megabytes=0.0, baseline_rss_mb=baseline)
    try:
        for attempt in range(runs):
            target = scratch / "results.csv" if attempt == 0 else Path(os.devnull)
            output = run(
                [
                    "curl",
                    "-sS",
                    "--max-time",
                    "600",
                    "-o",
                    str(target),
                    "-w",
                    "%{http_code} %{size_download} %{time_total}",
                    url,
                ],
                env=env,
                timeout=660,
                quiet=True,
            )
            status, size, seconds = output.split()
            if status != "200":
                raise RuntimeError(f"CSV export answered {status}")
            result.seconds.append(float(seconds))
            result.megabytes = int(size) / 1e6
            if attempt == 0:
                with target.open(encoding="utf-8-sig", newline="") as handle:
                    result.rows = sum(1 for _ in csv.reader(handle)) - 1
                target.unlink()
    finally:
        stop.set()
        sampler.join(timeout=5)
    high_water = max((memory_kb(pid, "VmHWM") for pid in server.workers()), default=0)
    result.peak_rss_mb = max(high_water, sampled["peak"]) / 1024
    return result


# --- The report -----------------------------------------------------------------------


def code_version() -> str:
    def git(*args: str) -> str:
        return subprocess.run(  # noqa: S603
            ["git", *args],  # noqa: S607
            cwd=PROJECT_DIR,
            capture_output=True,
            text=True,
            timeout=30,
        ).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--untracked-files=no")
    return f"commit {commit}" + (" with uncommitted changes" if dirty else "")


def machine_description(
    database_url: str,
    workers: int,
    threads: int,
    connections: int,
    seconds: int,
    page_cache: bool,
    code: str = "",
) -> list[tuple[str, str]]:
    import django
    import gunicorn
    import psycopg

    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    with psycopg.connect(database_url, connect_timeout=10) as connection:
        postgres = connection.execute("SHOW server_version").fetchone()[0]
    wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True, timeout=10).stdout  # noqa: S607
    wrk_version = wrk.split()[1] if wrk.split() else "unknown"
    return [
        ("Date", datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")),
        ("CPU", f"{os.cpu_count()} cores ({cpu}); `nproc` = {len(os.sched_getaffinity(0))}"),
        ("Memory", memory),
        ("OS", f"{platform.system()} {platform.release()}"),
        ("PostgreSQL", f"{postgres}, local, over TCP on loopback"),
        ("Python / Django", f"{platform.python_version()} / {django.get_version()}"),
        (
            "gunicorn",
            f"{gunicorn.__version__}, {workers} sync workers, DEBUG off, no Redis (per-process "
            f"cache), public page cache {'on' if page_cache else 'off'}",
        ),
        ("Code", code or code_version()),
        (
            "wrk",
            f"{wrk_version}: `-t{threads} -c{connections} -d{seconds}s --latency`, on the same machine",
        ),
    ]


def data_description() -> str:
    from directory.models import Organization, Person
    from evaluations.models import EvaluationBatch, EvaluationResult
    from forums.models import Forum, Talk
    from standards.models import Standard, StatusMilestone

    counts = [
        (Organization, "organizations"),
        (Person, "people"),
        (Forum, "forums"),
        (Talk, "talks"),
        (Standard, "standards"),
        (StatusMilestone, "milestones"),
        (EvaluationBatch, "batches"),
        (EvaluationResult, "results"),
    ]
    return ", ".join(f"{model.objects.count():,} {name}" for model, name in counts)


def rate(requests_per_second: float) -> str:
    return (
        f"{requests_per_second:,.0f}"
        if requests_per_second >= 100
        else f"{requests_per_second:.1f}"
    )


def verdict(page: Page, result: WrkResult, floor: float) -> str:
    if page.path == "/healthz":
        return "floor"
    misses = []
    if not result.answered:
        misses.append("no response completed within the run")
    if result.requests_per_second < MIN_RATIO_TO_FLOOR * floor:
        misses.append("throughput < 40%")
    if result.answered and result.p99_ms >= MAX_P99_MS:
        misses.append("p99 ≥ 100 ms")
    if result.errors:
        misses.append(f"errors: {result.error_text}")
    return "✗ " + "; ".join(misses) if misses else "✓"


def render_report(
    *,
    label: str,
    machine: list[tuple[str, str]],
    data: str,
    generated_in: float | None,
    pages: list[Page],
    results: dict[str, WrkResult],
    csv_result: CsvResult,
    copy_seconds: list[float],
) -> str:
    floor = results["/healthz"].requests_per_second
    lines = [f"## {label}", ""]
    lines += [f"- **{key}**: {value}" for key, value in machine]
    lines.append(
        f"- **Data**: {data}" + (f" (generated in {generated_in:.0f} s)" if generated_in else "")
    )
    lines += [
        "",
        "| Page | URL | Req/s | p50 ms | p99 ms | × /healthz | 1 request alone, ms | Targets |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    misses = []
    for page in pages:
        result = results[page.path]
        name = f"{page.name} ({page.note})" if page.note else page.name
        mark = verdict(page, result, floor)
        if mark.startswith("✗"):
            misses.append(f"{page.name}: {mark[2:]}")
        p50, p99 = (
            (f"{result.p50_ms:,.1f}", f"{result.p99_ms:,.1f}") if result.answered else ("—", "—")
        )
        lines.append(
            f"| {name} | `{page.path}` | {rate(result.requests_per_second)} | {p50} | {p99} | "
            f"{result.requests_per_second / floor:.3f} | {result.single_ms:,.0f} | {mark} |"
        )
    lines += [
        "",
        "“1 request alone” is the best of five requests made one after another once the "
        "server is idle: the page's own cost, whatever the concurrency.",
    ]
    csv_time = statistics.median(csv_result.seconds)
    copy_time = statistics.median(copy_seconds)
    ratio = csv_time / copy_time
    csv_misses = []
    if ratio > MAX_CSV_TO_COPY:
        csv_misses.append("> 3× COPY")
    if csv_result.peak_rss_mb >= MAX_CSV_PEAK_MB:
        csv_misses.append("peak ≥ 150 MB")
    csv_mark = "✗ " + "; ".join(csv_misses) if csv_misses else "✓"
    if csv_misses:
        misses.append(f"CSV export: {csv_mark[2:]}")
    lines += [
        "",
        "| Export | Rows | MB | CSV s (median) | COPY s (median) | CSV ÷ COPY | Worker peak RSS MB | Targets |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        f"| `/evaluations/results/?format=csv` | {csv_result.rows:,} | {csv_result.megabytes:.1f} | "
        f"{csv_time:.2f} | {copy_time:.2f} | {ratio:.1f} | "
        f"{csv_result.peak_rss_mb:.0f} (idle {csv_result.baseline_rss_mb:.0f}) | {csv_mark} |",
        "",
        f"CSV runs: {', '.join(f'{s:.2f}' for s in csv_result.seconds)} s; "
        f"COPY runs: {', '.join(f'{s:.2f}' for s in copy_seconds)} s "
        "(`psql \\copy` of the same rows and columns, joined and ordered as the view does, "
        "to /dev/null). Peak RSS is the highest VmHWM/VmRSS of the freshly restarted "
        "gunicorn workers over the export runs.",
        "",
    ]
    if misses:
        lines.append("Targets missed:")
        lines += [f"- {miss}" for miss in misses]
    else:
        lines.append("Every target met.")
    lines.append("")
    return "\n".join(lines)


INTRO = """# Performance

`make bench` (bench/run_bench.py) measures the public site as it runs in production:
PostgreSQL, DEBUG off, gunicorn, with the synthetic data of
`manage.py generate_data --scale 1` (about 10,000 organizations, 2,000 people,
200 forums, 5,000 standards, 2,000 batches and 200,000 results). wrk drives each URL on
loopback for a bounded time; every throughput is also given as a ratio to /healthz's
(the framework's floor, no database) from the same run, so that runs on different
machines compare. The CSV export of every public result is timed beside PostgreSQL's
COPY of the same rows.

Targets on a 2-core machine: every public page at least 40% of /healthz's throughput
and p99 under 100 ms at 32 connections; the CSV export within 3× of COPY's time and
under 150 MB peak memory.

Run it with `make bench` (a section headed “Latest run”), or name the section:
`BENCH_LABEL="After optimization" make bench` adds or replaces that section and leaves
the others. `make bench BENCH_ARGS="--only results --duration 5"` measures a subset;
`--page-cache` leaves the public page cache on (wrk then measures cache hits, since it
asks for one URL over and over); `--help` lists the rest. The data is generated once
into the PostgreSQL database `sodium_bench` and reused; to make it anew, run
`DATABASE_URL=postgres://postgres@127.0.0.1:5432/sodium_bench manage.py generate_data --remove`
first. The machine shares its two cores between gunicorn, PostgreSQL and wrk (and
anything else running): the load average is recorded with each run, and the
“1 request alone” column, which other work can only make slower, is the steadiest figure.
"""


def write_section(path: Path, label: str, section: str) -> None:
    text = path.read_text() if path.exists() else INTRO
    heading = f"## {label}\n"
    start = text.find(heading)
    if start == -1:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        following = text.find("\n## ", start + len(heading))
        end = len(text) if following == -1 else following + 1
        text = text[:start] + section + ("\n" + text[end:] if following != -1 else "")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.rstrip("\n") + "\n")


# --- Main ------------------------------------------------------------------------------


def interrupt(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    )
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per URL")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of wrk before each URL")
    parser.add_argument("--csv-runs", type=int, default=3)
    parser.add_argument("--label", default=os.environ.get("BENCH_LABEL", "Latest run"))
    parser.add_argument("--output", type=Path, default=DOCS)
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--only", default="", help="measure only URLs containing this text")
    parser.add_argument(
        "--quiet-load",
        type=float,
        default=1.0,
        help="wait for the 1-minute load average to fall below this before measuring",
    )
    parser.add_argument(
        "--code", default="", help="what code is measured, when git can't tell (e.g. an export)"
    )
    parser.add_argument(
        "--page-cache",
        action="store_true",
        help="leave the public page cache on (measures cache hits)",
    )
    parser.add_argument(
        "--quiet-wait", type=int, default=600, help="wait at most this many seconds for it"
    )
    options = parser.parse_args()

    if subprocess.run(["which", "wrk"], capture_output=True).returncode != 0:  # noqa: S607
        print("wrk is not installed: `apt-get install -y wrk` (make bench does it).")
        return 2

    # SIGTERM (e.g. a timeout around make) unwinds like Ctrl-C, so gunicorn is stopped.
    signal.signal(signal.SIGTERM, interrupt)

    scratch = Path(tempfile.mkdtemp(prefix="sodium-bench-"))
    env = bench_environment(options.database_url, scratch / "static", options.page_cache)
    os.environ.update({k: v for k, v in env.items() if k.startswith(("DJANGO_", "DATABASE_"))})
    sys.path.insert(0, str(PROJECT_DIR))

    ensure_database(options.database_url)
    log("migrating")
    run(
        [str(PYTHON), "manage.py", "migrate", "--no-input", "--verbosity", "0"],
        env=env,
        timeout=600,
    )

    import django

    django.setup()
    from sampledata.synthetic import plan

    generated_in = ensure_data(env, options.scale, plan(options.scale)["results"])
    log("VACUUM ANALYZE")
    analyze(options.database_url)
    log("collectstatic")
    run(
        [str(PYTHON), "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
        env=env,
        timeout=600,
    )
    pages = pages_to_measure()
    if options.only:
        pages = [p for p in pages if p.path == "/healthz" or options.only in p.path]

    wait_until_quiet(options.quiet_load, options.quiet_wait)
    load_before = os.getloadavg()
    server = start_server(env, options.workers, scratch)
    results: dict[str, WrkResult] = {}
    try:
        for page in pages:
            url = server.base + page.path
            status = http_status(url)
            if status != 200:
                raise RuntimeError(f"{page.path} answered {status}, not 200")
            if options.warmup:
                # As many connections as workers: every worker warms up, no queue builds.
                run_wrk(
                    url,
                    threads=1,
                    connections=options.workers,
                    seconds=options.warmup,
                    env=env,
                )
                drain(server)
            result = run_wrk(
                url,
                threads=options.threads,
                connections=options.connections,
                seconds=options.duration,
                env=env,
            )
            drain(server)
            result.single_ms = single_request_ms(url)
            results[page.path] = result
            log(
                f"{page.path}: {rate(result.requests_per_second)} req/s, "
                f"p50 {result.p50_ms:.1f} ms, p99 {result.p99_ms:.1f} ms, "
                f"one at a time {result.single_ms:.0f} ms"
                + (f", {result.error_text}" if result.errors else "")
                + ("" if result.answered else ", no response completed")
            )
        log(f"CSV export ×{options.csv_runs}")
        csv_result = time_csv(server, options.workers, options.csv_runs, env, scratch)
        log(
            f"CSV: {csv_result.rows:,} rows, {csv_result.seconds} s, peak {csv_result.peak_rss_mb:.0f} MB"
        )
    finally:
        server.stop()
    load_after = os.getloadavg()
    log(f"COPY ×{options.csv_runs}")
    copy_seconds = time_copy(options.database_url, server.base, options.csv_runs, env)
    log(f"COPY: {copy_seconds} s")

    machine = machine_description(
        options.database_url,
        options.workers,
        options.threads,
        options.connections,
        options.duration,
        options.page_cache,
        options.code,
    )
    machine.append(
        (
            "Load average (1, 5, 15 min)",
            f"{', '.join(f'{x:.2f}' for x in load_before)} before the run, "
            f"{', '.join(f'{x:.2f}' for x in load_after)} after it (the run itself included)",
        )
    )
    report = render_report(
        label=options.label,
        machine=machine,
        data=data_description(),
        generated_in=generated_in,
        pages=pages,
        results=results,
        csv_result=csv_result,
        copy_seconds=copy_seconds,
    )
    print()
    print(report)
    if not options.no_write:
        write_section(options.output, options.label, report)
        log(f"written to {options.output} under “## {options.label}”")
    return 0


if __name__ == "__main__":
    sys.exit(main())
