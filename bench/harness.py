"""The processes a benchmark drives: commands, the databases, gunicorn, wrk and curl.

Shared by run_bench.py and load_test.py; nothing here knows which pages are measured.
"""

import contextlib
import datetime
import os
import platform
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
PYTHON = Path(sys.executable)
BIN = PYTHON.parent
LUA_SCRIPT = Path(__file__).resolve().parent / "realistic.lua"
# The code that is served and measured: the working tree, or a clean export of one
# commit (export_commit), which other engineers' unfinished edits cannot break mid-run.
CODE = {"dir": PROJECT_DIR, "description": ""}

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
        args, cwd=CODE["dir"], env=env, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(args[:3])} … failed ({result.returncode}):\n{result.stderr[-3000:]}"
        )
    if not quiet and result.stdout.strip():
        print(result.stdout.rstrip(), flush=True)
    return result.stdout


def manage(env: dict, *args: str, timeout: float = 600) -> str:
    return run([str(PYTHON), "manage.py", *args], env=env, timeout=timeout)


# --- The databases and the data -------------------------------------------------------


def bench_environment(
    database_url: str, static_root: Path, page_cache: bool, redis_url: str = ""
) -> dict:
    """Production settings: DEBUG off, a fresh secret key, loopback host, no HTTPS redirect.

    The page cache is off unless asked for (the pages' own cost is measured with it
    off); with `redis_url` the cache is that Redis database, else each process's memory.
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
        # The benchmark is one client sending thousands of requests: not throttled.
        DJANGO_API_ANONYMOUS_RATE="100000000/second",
        DATABASE_URL=database_url,
        PYTHONDONTWRITEBYTECODE="1",
    )
    if not page_cache:
        env["DJANGO_PAGE_CACHE_SECONDS"] = "0"
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def database_name(database_url: str) -> str:
    return database_url.rsplit("/", 1)[1].split("?")[0]


def ensure_database(database_url: str) -> None:
    import psycopg
    from psycopg import sql

    name = database_name(database_url)
    admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=10) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            log(f"creating database {name}")
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def use_database(database_url: str) -> None:
    """Point this process's Django connection at another database (one per scale).

    The connection is closed and reopens on its next query with the new settings; the
    bench makes its queries from one thread, so there is only this one connection.
    """
    import dj_database_url
    from django.db import connections

    connection = connections["default"]
    connection.close()
    parsed = dj_database_url.parse(database_url)
    for key in ("NAME", "USER", "PASSWORD", "HOST", "PORT"):
        connection.settings_dict[key] = parsed[key]


def ensure_data(env: dict, scale: float, expected_results: int) -> float | None:
    """Generate the data unless this scale's data is already there; the seconds it took.

    Django's connection must point at env's database (use_database).
    """
    from evaluations.models import EvaluationResult
    from sampledata.synthetic import synthetic_source

    source = synthetic_source()
    if source is not None:
        present = EvaluationResult.objects.filter(source=source).count()
        if present == expected_results:
            log(f"scale {scale:g}: synthetic data present ({present:,} results), reused")
            return None
        log(f"synthetic data of another scale present ({present:,} results): removing it")
        manage(env, "generate_data", "--remove", timeout=3600)
    log(f"generating synthetic data at scale {scale:g} (minutes at scale 5)")
    started = time.perf_counter()
    manage(env, "generate_data", "--scale", f"{scale:g}", "--verbosity", "0", timeout=7200)
    return time.perf_counter() - started


def analyze(database_url: str) -> None:
    """Fresh planner statistics, so that the plans don't depend on autovacuum's timing."""
    import psycopg

    with psycopg.connect(database_url, autocommit=True, connect_timeout=10) as connection:
        connection.execute("VACUUM (ANALYZE)")


def redis_problem(redis_url: str) -> str:
    """Why Redis can't be used at `redis_url` ("" when it answers)."""
    try:
        import redis

        redis.Redis.from_url(redis_url, socket_connect_timeout=3).ping()
    except Exception as error:  # any failure means: measure without Redis
        return f"{type(error).__name__}: {error}"
    return ""


def flush_redis(redis_url: str) -> None:
    """Empty the bench's own Redis database (its number is in the URL), and only it."""
    import redis

    redis.Redis.from_url(redis_url, socket_connect_timeout=3).flushdb()


# --- gunicorn ---------------------------------------------------------------------------


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


def start_server(env: dict, workers: int, log_dir: Path, name: str = "gunicorn") -> Server:
    port = free_port()
    log_path = log_dir / f"{name}.log"
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
    log(f"starting gunicorn ({name}): {workers} sync workers on 127.0.0.1:{port}")
    process = subprocess.Popen(  # noqa: S603 -- the venv's gunicorn
        args, cwd=CODE["dir"], env=env, start_new_session=True
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


class MemorySampler:
    """The highest resident memory of a server's workers while it runs (a thread)."""

    def __init__(self, server: Server):
        self.server = server
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            for pid in self.server.workers():
                self.peak_kb = max(self.peak_kb, memory_kb(pid, "VmRSS"))
            time.sleep(0.02)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        self._thread.join(timeout=5)
        high_water = max((memory_kb(pid, "VmHWM") for pid in self.server.workers()), default=0)
        self.peak_kb = max(self.peak_kb, high_water)


# --- HTTP on loopback -------------------------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


# Built once: building an opener sets up TLS, which costs tens of milliseconds.
_OPENER = urllib.request.build_opener(_NoRedirect)


def http_get(url: str, opener=None) -> tuple[int, bytes]:
    """The status and body of a GET, redirects not followed (a redirect is not the page)."""
    request = urllib.request.Request(url, method="GET")  # noqa: S310 -- http on loopback
    try:
        with (opener or _OPENER).open(request, timeout=120) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def http_status(url: str) -> int:
    return http_get(url)[0]


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


def curl_request(url: str, cookie: str = "") -> tuple[int, float]:
    """One GET with curl: its status and its total time in milliseconds."""
    args = ["curl", "-sS", "--max-time", "120", "-o", os.devnull]
    if cookie:
        args += ["-H", f"Cookie: {cookie}"]
    args += ["-w", "%{http_code} %{time_total}", url]
    output = run(args, env=dict(os.environ), timeout=130, quiet=True)
    status, seconds = output.split()
    return int(status), float(seconds) * 1000


def warm_up(url: str, workers: int, cookie: str = "") -> None:
    """As many requests at once as there are workers, so that each one has rendered the
    page (templates compiled, connection open) before it is timed."""
    threads = [
        threading.Thread(target=curl_request, args=(url, cookie), daemon=True)
        for _ in range(workers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=130)


@dataclass
class Timing:
    status: int
    runs_ms: list[float] = field(default_factory=list)

    @property
    def median_ms(self) -> float:
        return statistics.median(self.runs_ms) if self.runs_ms else 0.0


def time_requests(url: str, runs: int, workers: int, cookie: str = "") -> Timing:
    """The page's own cost: `runs` requests one after another on an otherwise idle
    server, after a warm-up; a page that does not answer 200 is not timed."""
    status, _ms = curl_request(url, cookie)
    timing = Timing(status)
    if status != 200:
        return timing
    warm_up(url, workers, cookie)
    for _ in range(runs):
        status, ms = curl_request(url, cookie)
        timing.runs_ms.append(ms)
        if status != 200:
            timing.status = status
    return timing


# --- wrk --------------------------------------------------------------------------------


@dataclass
class WrkResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int
    error_text: str = ""
    single_ms: float = 0.0  # one request at a time: the page's own cost (load_test)
    # Counted by realistic.lua's response callback; empty without it.
    cache: dict[str, int] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)

    @property
    def answered(self) -> bool:
        return self.requests > 0 and self.p99_ms > 0

    @property
    def hit_rate(self) -> float | None:
        looked_up = self.cache.get("hit", 0) + self.cache.get("miss", 0)
        return self.cache.get("hit", 0) / looked_up if looked_up else None


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def to_ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip()).groups()
    return float(number) * _UNITS_MS[unit]


def _socket_errors(output: str) -> tuple[int, str]:
    match = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if match and (count := sum(int(n) for n in match.groups())):
        return count, match.group(0)
    return 0, ""


def parse_wrk(output: str) -> WrkResult:
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = to_ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = to_ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors, texts = 0, []
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        errors += int(match.group(1))
        texts.append(f"{match.group(1)} non-2xx")
    socket_errors, socket_text = _socket_errors(output)
    if socket_errors:
        errors += socket_errors
        texts.append(socket_text)
    result = WrkResult(rps, p50, p99, requests, errors, "; ".join(texts))
    result.cache = {k: int(v) for k, v in re.findall(r"^PAGE-CACHE (\w+)=(\d+)$", output, re.M)}
    result.statuses = {k: int(v) for k, v in re.findall(r"^STATUS (\d+)=(\d+)$", output, re.M)}
    return result


def run_wrk(
    url: str,
    *,
    threads: int,
    connections: int,
    seconds: int,
    env: dict,
    paths_file: Path | None = None,
    seed: int = 1,
    cookie: str = "",
) -> WrkResult:
    """wrk against one URL, or (with `paths_file`) a random path of that file per request,
    the page-cache header and the statuses counted by realistic.lua."""
    args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    args.append("--latency")
    if cookie:
        args += ["-H", f"Cookie: {cookie}"]
    if paths_file is not None:
        args += ["-s", str(LUA_SCRIPT), url, "--", str(paths_file), str(seed)]
    else:
        args.append(url)
    output = run(args, env=env, timeout=seconds + 60, quiet=True)
    return parse_wrk(output)


# --- The machine ------------------------------------------------------------------------


def load_average() -> float:
    return os.getloadavg()[0]


def load_text() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def wait_until_quiet(limit: float, seconds: int) -> None:
    """Wait (bounded) for other work on the machine to settle: it skews every figure."""
    deadline = time.monotonic() + seconds
    while load_average() > limit and time.monotonic() < deadline:
        log(f"load average {load_average():.2f} > {limit}: waiting for the machine to quieten")
        time.sleep(15)
    if load_average() > limit:
        log(f"load average still {load_average():.2f}: measuring anyway (the report says so)")


def git(*args: str) -> str:
    return subprocess.run(  # noqa: S603
        ["git", *args],  # noqa: S607
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout.strip()


def export_commit(revision: str, target: Path) -> None:
    """Serve and measure `revision` as committed (git archive), not the working tree."""
    commit = git("rev-parse", "--short", f"{revision}^{{commit}}")
    if not commit:
        raise SystemExit(f"no such commit: {revision}")
    target.mkdir(parents=True)
    archive = subprocess.Popen(  # noqa: S603
        ["git", "archive", "--format=tar", commit],  # noqa: S607
        cwd=PROJECT_DIR,
        stdout=subprocess.PIPE,
    )
    subprocess.run(["tar", "-x", "-C", str(target)], stdin=archive.stdout, check=True)  # noqa: S603, S607
    if archive.wait(timeout=120) != 0:
        raise RuntimeError(f"git archive {commit} failed")
    CODE["dir"] = target
    CODE["description"] = (
        f"commit {commit}, exported clean with git archive (the working tree's "
        "uncommitted changes not measured)"
    )
    log(f"measuring commit {commit}, exported to {target}")


def code_version() -> str:
    if CODE["description"]:
        return CODE["description"]
    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--untracked-files=no")
    return f"commit {commit}" + (" with uncommitted changes" if dirty else "")


def _cpu_and_memory() -> tuple[str, str]:
    cpu, memory = "unknown", "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    return cpu, memory


def machine_description(
    database_url: str,
    workers: int,
    threads: int,
    connections: int,
    seconds: int,
    page_cache: bool,
    code: str = "",
    cache: str = "",
) -> list[tuple[str, str]]:
    import django
    import gunicorn
    import psycopg

    cpu, memory = _cpu_and_memory()
    with psycopg.connect(database_url, connect_timeout=10) as connection:
        postgres = connection.execute("SHOW server_version").fetchone()[0]
    wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True, timeout=10).stdout  # noqa: S607
    wrk_version = wrk.split()[1] if wrk.split() else "unknown"
    cache = cache or (
        "no Redis (per-process cache), public page cache " + ("on" if page_cache else "off")
    )
    return [
        ("Date", datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")),
        ("CPU", f"{os.cpu_count()} cores ({cpu}); `nproc` = {len(os.sched_getaffinity(0))}"),
        ("Memory", memory),
        ("OS", f"{platform.system()} {platform.release()}"),
        ("PostgreSQL", f"{postgres}, local, over TCP on loopback"),
        ("Python / Django", f"{platform.python_version()} / {django.get_version()}"),
        ("gunicorn", f"{gunicorn.__version__}, {workers} sync workers, DEBUG off, {cache}"),
        ("Code", code or code_version()),
        (
            "wrk",
            f"{wrk_version}: `-t{threads} -c{connections} -d{seconds}s --latency`, on the same machine",
        ),
    ]
