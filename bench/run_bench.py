"""`make bench`: what the public pages, the admin and the CSV export cost, in one run.

On the local PostgreSQL, DEBUG off, behind gunicorn, with the synthetic data of
`manage.py generate_data` at two scales (databases `sodium_bench` at scale 1 and
`sodium_bench5` at scale 5, made and filled when missing, reused otherwise):

* every public page with the page cache off, at each scale: one request alone (the
  median of several), its query count, its growth from scale 1 to 5 and its cost
  as a multiple of the forums list's in the same run;
* realistic traffic at scale 1 with the page cache on: wrk with bench/realistic.lua
  asks for a random one of 3,000+ distinct URLs (a sitemap sample, list filter, sort
  and page combinations, searches) per request, first with each process's own cache
  and then with Redis; throughput as a ratio to /healthz's on the same server,
  p50/p99, the cache's hit rate (from the `X-Page-Cache` header) and the statuses;
* cache hits: one URL repeated, page cache on, as a ratio to /healthz;
* the admin at scale 1, signed in as a superuser made for the run (a random password,
  never stored): the results changelist plain, searched, filtered and deep, other
  changelists, a batch change form with 100 results, with their query counts;
* the CSV export of every public result beside PostgreSQL's COPY at each scale, with
  the worker's peak memory.

It prints the report and writes it, with the machine it ran on, to docs/performance.md
under `## <label>` (replacing an earlier section of that name, keeping the others), and
the figures to bench/results/<label>.json, which `--compare-with LABEL` sets beside a
later run's. Targets (2 cores) are in report.py.

    make bench                                  # the full run, ~10 minutes on 2 cores
    make bench BENCH_ARGS=--quick               # a short check of the harness; writes nothing
    .venv/bin/python bench/run_bench.py --help
"""

import argparse
import os
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from exports import time_copy, time_csv
from harness import (
    BIN,
    CODE,
    DEFAULT_WORKERS,
    PROJECT_DIR,
    Server,
    analyze,
    bench_environment,
    curl_request,
    database_name,
    drain,
    ensure_data,
    ensure_database,
    export_commit,
    flush_redis,
    load_text,
    log,
    machine_description,
    manage,
    parse_wrk,
    redis_problem,
    run_wrk,
    start_server,
    time_requests,
    use_database,
    wait_until_quiet,
)
from pages import (
    CONTRACT_PATHS,
    Page,
    admin_pages,
    count_queries,
    create_superuser,
    pages_to_measure,
    remove_superuser,
    sign_in,
)
from report import INTRO, load_results, render_report, save_results, slug, write_section
from traffic import realistic_urls, sitemap_paths

# load_test.py uses these from here.
__all__ = [
    "BIN",
    "PROJECT_DIR",
    "bench_environment",
    "ensure_database",
    "machine_description",
    "parse_wrk",
    "start_server",
]

DOCS = PROJECT_DIR / "docs" / "performance.md"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/sodium_bench"
DEFAULT_DATABASE_URL_5 = "postgres://postgres@127.0.0.1:5432/sodium_bench5"
# A Redis database of the bench's own, flushed before each run with Redis (the
# page-cache tests use 15).
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/12"
PARTS = ["public", "admin", "realistic", "hits", "csv"]
# Pages whose cache hits are measured (one URL repeated), by name in pages_to_measure().
HIT_PAGES = ["Home", "Results, first page", "Batch detail", "Search, words"]
# --quick: a short check that the harness works end to end, not figures to keep.
QUICK = {
    "repeat": 2,
    "duration": 3,
    "warmup": 1,
    "realistic_duration": 8,
    "realistic_urls": 300,
    "precheck": 20,
    "csv_runs": 1,
    "quiet_wait": 0,
    "no_write": True,
}


def parse_options(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    env = os.environ.get
    parser.add_argument(
        "--database-url",
        default=env("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL),
        help="the first scale's database (default %(default)s)",
    )
    parser.add_argument(
        "--database-url-5",
        default=env("BENCH_DATABASE_URL_5", DEFAULT_DATABASE_URL_5),
        help="the second scale's database, scale 5 by default (default %(default)s)",
    )
    parser.add_argument("--scales", default="1,5", help="one or two scales (default %(default)s)")
    parser.add_argument("--parts", default=",".join(PARTS), help="what to measure: %(default)s")
    parser.add_argument("--only", default="", help="public pages whose URL contains this only")
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per URL")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of wrk before each URL")
    parser.add_argument("--repeat", type=int, default=5, help="requests per page, one at a time")
    parser.add_argument("--realistic-duration", type=int, default=60, help="seconds")
    parser.add_argument("--realistic-urls", type=int, default=3500, help="distinct URLs")
    parser.add_argument("--precheck", type=int, default=150, help="URLs checked for 200 first")
    parser.add_argument("--seed", type=int, default=2025, help="for the URLs and their order")
    parser.add_argument("--csv-runs", type=int, default=3)
    parser.add_argument("--redis-url", default=env("BENCH_REDIS_URL", DEFAULT_REDIS_URL))
    parser.add_argument("--no-redis", action="store_true", help="skip the runs with Redis")
    parser.add_argument("--label", default=env("BENCH_LABEL", "Latest run"))
    parser.add_argument(
        "--compare-with",
        default=env("BENCH_COMPARE", ""),
        help="the label of an earlier run (bench/results/) to set beside this one",
    )
    parser.add_argument("--output", type=Path, default=DOCS)
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--quick", action="store_true", help="a short check; writes nothing")
    parser.add_argument(
        "--quiet-load",
        type=float,
        default=1.0,
        help="wait for the 1-minute load average to fall below this before measuring",
    )
    parser.add_argument(
        "--quiet-wait", type=int, default=120, help="wait at most this many seconds for it"
    )
    parser.add_argument("--code", default="", help="what code is measured, when git can't tell")
    parser.add_argument(
        "--commit",
        default=env("BENCH_COMMIT", ""),
        help="measure this commit, exported clean (e.g. HEAD), not the working tree",
    )
    known, _rest = parser.parse_known_args(argv)
    if known.quick:
        parser.set_defaults(**QUICK)
    return parser.parse_args(argv)


@dataclass
class Scale:
    label: str  # "1", "5": the key of its results
    value: float
    database_url: str


@dataclass
class Bench:
    options: argparse.Namespace
    scratch: Path
    scales: list[Scale]
    parts: set[str]
    results: dict = field(default_factory=dict)
    paths_file: Path | None = None
    pages: dict[str, list[Page]] = field(default_factory=dict)

    @property
    def static_root(self) -> Path:
        return self.scratch / "static"

    def environment(self, scale: Scale, page_cache: bool = False, redis_url: str = "") -> dict:
        return bench_environment(scale.database_url, self.static_root, page_cache, redis_url)


def scales_of(options: argparse.Namespace) -> list[Scale]:
    values = [float(text) for text in options.scales.split(",") if text.strip()]
    if not 1 <= len(values) <= 2:
        raise SystemExit("--scales takes one or two scales, e.g. 1,5")
    urls = [options.database_url, options.database_url_5]
    if len(values) == 2 and database_name(urls[0]) == database_name(urls[1]):
        raise SystemExit("the two scales need two databases (--database-url, --database-url-5)")
    return [Scale(f"{value:g}", value, url) for value, url in zip(values, urls, strict=False)]


def missing_tools() -> list[str]:
    return [tool for tool in ("wrk", "curl", "psql") if shutil.which(tool) is None]


# --- Preparing -----------------------------------------------------------------------------


def set_up_django(bench: Bench) -> None:
    """Django in this process, on the first scale's database, page cache off: the URLs
    and query counts come from here."""
    env = bench.environment(bench.scales[0])
    os.environ.update({k: v for k, v in env.items() if k.startswith(("DJANGO_", "DATABASE_"))})
    sys.path.insert(0, str(CODE["dir"]))
    import django

    django.setup()


def prepare_data(bench: Bench) -> None:
    from sampledata.synthetic import plan

    for scale in bench.scales:
        env = bench.environment(scale)
        ensure_database(scale.database_url)
        log(f"scale {scale.label}: migrating {database_name(scale.database_url)}")
        manage(env, "migrate", "--no-input", "--verbosity", "0")
        use_database(scale.database_url)
        generated = ensure_data(env, scale.value, plan(scale.value)["results"])
        bench.results["generated"][scale.label] = generated
        log(f"scale {scale.label}: VACUUM ANALYZE")
        analyze(scale.database_url)
    log("collectstatic")
    manage(bench.environment(bench.scales[0]), "collectstatic", "--no-input", "--verbosity", "0")


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


# --- Page cache off, at each scale -----------------------------------------------------------


def measure_page(server: Server, page: Page, repeat: int, workers: int) -> dict:
    status, queries = count_queries(page.path)
    timing = time_requests(server.base + page.path, repeat, workers)
    drain(server)
    log(
        f"{page.path}: {timing.status}, median {timing.median_ms:.1f} ms of "
        f"{len(timing.runs_ms)}, {queries} queries"
    )
    return {
        "name": page.name,
        "path": page.path,
        "note": page.note,
        "status": timing.status if status == 200 else status,
        "runs_ms": timing.runs_ms,
        "queries": queries,
    }


def measure_public(bench: Bench, server: Server, scale: Scale) -> None:
    options = bench.options
    pages = bench.pages[scale.label]
    if options.only:
        kept = ("/healthz", "/forums/")
        pages = [p for p in pages if p.path in kept or options.only in p.path]
    log(f"scale {scale.label}: {len(pages)} public pages, {options.repeat} requests each")
    bench.results["pages"][scale.label] = [
        measure_page(server, page, options.repeat, options.workers) for page in pages
    ]


def check_contract(server: Server) -> list[dict]:
    return [
        {"path": path, "status": curl_request(server.base + path)[0]} for path in CONTRACT_PATHS
    ]


def measure_admin(bench: Bench, server: Server) -> None:
    from django.conf import settings

    options = bench.options
    user, password = create_superuser()
    session = ""
    try:
        session = sign_in(server.base, user.username, password)
        cookie = f"{settings.SESSION_COOKIE_NAME}={session}"
        measured = []
        for page in admin_pages():
            _status, queries = count_queries(page.path, user)
            timing = time_requests(server.base + page.path, options.repeat, options.workers, cookie)
            log(
                f"{page.path}: {timing.status}, median {timing.median_ms:.1f} ms, {queries} queries"
            )
            measured.append(
                {**asdict(page), "status": timing.status, "runs_ms": timing.runs_ms}
                | {"queries": queries}
            )
        bench.results["admin"] = measured
    finally:
        remove_superuser(user, session)


def precheck(server: Server, urls: list[str], count: int, seed: int) -> dict:
    """A sample of the URLs, each asked for once: any that does not answer 200."""
    import random

    sample = random.Random(seed).sample(urls, k=min(count, len(urls)))  # noqa: S311
    problems = []
    for url in sample:
        status, _ms = curl_request(server.base + url)
        if status != 200:
            problems.append([url, status])
    return {"checked": len(sample), "problems": problems}


def build_traffic(bench: Bench, server: Server) -> None:
    """The realistic run's URLs, from this (uncached) server's sitemap and the data."""
    from harness import http_get

    options = bench.options

    def fetch(path: str) -> tuple[int, str]:
        status, body = http_get(server.base + path)
        return status, body.decode()

    sitemap = sitemap_paths(fetch)
    log(f"sitemap: {len(sitemap):,} URLs; drawing {options.realistic_urls:,} URLs")
    urls, kinds = realistic_urls(options.realistic_urls, sitemap, options.seed)
    bench.paths_file = bench.scratch / "paths.txt"
    bench.paths_file.write_text("\n".join(urls) + "\n")
    log(f"{len(urls):,} URLs ({kinds}); checking {options.precheck} of them")
    bench.results["realistic"] = {
        "urls": len(urls),
        "kinds": kinds,
        "precheck": precheck(server, urls, options.precheck, options.seed),
        "duration": options.realistic_duration,
        "connections": options.connections,
        "runs": [],
        "notes": [],
    }


def measure_csv(bench: Bench, server: Server, scale: Scale, env: dict) -> dict:
    options = bench.options
    log(f"scale {scale.label}: CSV export ×{options.csv_runs}")
    result = time_csv(server, options.workers, options.csv_runs, env, bench.scratch)
    log(f"CSV: {result.rows:,} rows, {result.seconds} s, peak {result.peak_rss_mb:.0f} MB")
    return {
        "scale": scale.label,
        "rows": result.rows,
        "megabytes": result.megabytes,
        "csv_s": result.seconds,
        "peak_mb": result.peak_rss_mb,
        "idle_mb": result.baseline_rss_mb,
    }


def measure_scale(bench: Bench, scale: Scale, first: bool) -> None:
    use_database(scale.database_url)
    bench.results["data"][scale.label] = data_description()
    bench.pages[scale.label] = pages_to_measure()
    env = bench.environment(scale)
    server = start_server(env, bench.options.workers, bench.scratch, f"uncached-{scale.label}")
    export = None
    try:
        if "public" in bench.parts:
            measure_public(bench, server, scale)
        if first:
            bench.results["contract"] = check_contract(server)
        if first and "admin" in bench.parts:
            measure_admin(bench, server)
        if first and "realistic" in bench.parts:
            build_traffic(bench, server)
        if "csv" in bench.parts:
            export = measure_csv(bench, server, scale, env)
    finally:
        server.stop()
    if export is not None:
        log(f"scale {scale.label}: COPY ×{bench.options.csv_runs}")
        export["copy_s"] = time_copy(scale.database_url, server.base, bench.options.csv_runs, env)
        log(f"COPY: {export['copy_s']} s")
        bench.results["csv"].append(export)


# --- Page cache on, at the first scale -------------------------------------------------------


def wrk_once(
    bench: Bench, url: str, paths_file: Path | None = None, seconds: int = 0, seed: int = 0
):
    options = bench.options
    return run_wrk(
        url,
        threads=options.threads,
        connections=options.connections,
        seconds=seconds or options.duration,
        env=dict(os.environ),
        paths_file=paths_file,
        seed=seed or options.seed,
    )


def warm(bench: Bench, url: str, paths_file: Path | None = None) -> None:
    """As many connections as workers for a moment: each worker has the page cached."""
    if bench.options.warmup:
        run_wrk(
            url,
            threads=1,
            connections=bench.options.workers,
            seconds=bench.options.warmup,
            env=dict(os.environ),
            paths_file=paths_file,
        )


def measure_hits(bench: Bench, server: Server, cache: str, healthz_rps: float) -> None:
    pages = {page.name: page for page in bench.pages[bench.scales[0].label]}
    for name in HIT_PAGES:
        if name not in pages:
            continue
        one = bench.scratch / "one-path.txt"
        one.write_text(pages[name].path + "\n")
        warm(bench, server.base, one)
        drain(server)
        result = wrk_once(bench, server.base, one)
        drain(server)
        log(f"hits {pages[name].path} ({cache}): {result.requests_per_second:,.0f} req/s")
        bench.results["hits"].append(
            {
                "name": name,
                "path": pages[name].path,
                "cache": cache,
                "wrk": asdict(result),
                "healthz_rps": healthz_rps,
            }
        )


def measure_realistic(bench: Bench, server: Server, cache: str, healthz) -> None:
    """Random URLs from a cold cache, then as long again with the cache as it is then
    (other random URLs: another seed), so that the report shows the cache filling."""
    seconds = bench.options.realistic_duration
    for run, phase in enumerate(["cold cache", f"the next {seconds} s"]):
        log(f"realistic traffic ({cache}, {phase}): {seconds} s")
        traffic = wrk_once(bench, server.base, bench.paths_file, seconds, bench.options.seed + run)
        drain(server)
        log(
            f"realistic ({cache}, {phase}): {traffic.requests_per_second:,.1f} req/s, p99 "
            f"{traffic.p99_ms:.0f} ms, cache {traffic.cache}, statuses {traffic.statuses}"
        )
        bench.results["realistic"]["runs"].append(
            {"cache": cache, "phase": phase, "healthz": asdict(healthz), "traffic": asdict(traffic)}
        )


def measure_cached(bench: Bench, cache: str, redis_url: str) -> None:
    scale = bench.scales[0]
    if redis_url:
        flush_redis(redis_url)
    env = bench.environment(scale, page_cache=True, redis_url=redis_url)
    server = start_server(env, bench.options.workers, bench.scratch, f"cached-{slug(cache)}")
    try:
        warm(bench, server.base + "/healthz")
        healthz = wrk_once(bench, server.base + "/healthz")
        log(f"/healthz ({cache}): {healthz.requests_per_second:,.0f} req/s")
        if "realistic" in bench.parts and bench.paths_file is not None:
            measure_realistic(bench, server, cache, healthz)
        if "hits" in bench.parts:
            measure_hits(bench, server, cache, healthz.requests_per_second)
    finally:
        server.stop()


def measure_with_cache(bench: Bench) -> None:
    if not {"realistic", "hits"} & bench.parts:
        return
    use_database(bench.scales[0].database_url)
    measure_cached(bench, "local memory", "")
    problem = "" if bench.options.no_redis else redis_problem(bench.options.redis_url)
    if bench.options.no_redis or problem:
        note = "Redis: not measured (" + (problem or "--no-redis") + ")."
        log(note)
        if bench.results.get("realistic"):
            bench.results["realistic"]["notes"].append(note)
        return
    measure_cached(bench, "Redis", bench.options.redis_url)


# --- Main ------------------------------------------------------------------------------------


def interrupt(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


def new_results(options: argparse.Namespace, scales: list[Scale]) -> dict:
    return {
        "label": options.label,
        "scales": [scale.label for scale in scales],
        "repeat": options.repeat,
        "machine": [],
        "data": {},
        "generated": {},
        "pages": {},
        "contract": [],
        "admin": [],
        "realistic": None,
        "hits": [],
        "csv": [],
    }


def describe_machine(bench: Bench, load_before: str, started: float) -> list[list[str]]:
    options = bench.options
    redis = "skipped" if options.no_redis else f"Redis at {options.redis_url}, flushed first"
    machine = machine_description(
        bench.scales[0].database_url,
        options.workers,
        options.threads,
        options.connections,
        options.duration,
        page_cache=False,
        code=options.code,
        cache=(
            "public page cache off for the pages' own cost, on for realistic traffic and "
            f"hits (each process's memory; then {redis})"
        ),
    )
    machine += [
        ("Load average (1, 5, 15 min)", f"{load_before} before the run, {load_text()} after it"),
        ("Run", f"{(time.monotonic() - started) / 60:.0f} min, `{' '.join(sys.argv[1:])}`"),
    ]
    return [list(item) for item in machine]


def finish(bench: Bench, load_before: str, started: float) -> None:
    options = bench.options
    bench.results["machine"] = describe_machine(bench, load_before, started)
    before = load_results(options.compare_with) if options.compare_with else None
    report = render_report(bench.results, before)
    print()
    print(report)
    if options.no_write:
        return
    write_section(options.output, options.label, report, INTRO)
    log(f"written to {options.output} under “## {options.label}”")
    log(f"figures saved to {save_results(bench.results)}")


def main(argv: list[str] | None = None) -> int:
    options = parse_options(argv)
    if missing := missing_tools():
        print(f"missing: {', '.join(missing)} (`apt-get install -y wrk curl postgresql-client`)")
        return 2
    # SIGTERM (e.g. a timeout around make) unwinds like Ctrl-C, so gunicorn is stopped.
    signal.signal(signal.SIGTERM, interrupt)
    scales = scales_of(options)
    parts = {part.strip() for part in options.parts.split(",") if part.strip()}
    if unknown := parts - set(PARTS):
        raise SystemExit(f"unknown --parts: {', '.join(sorted(unknown))} (known: {PARTS})")
    scratch = Path(tempfile.mkdtemp(prefix="sodium-bench-"))
    bench = Bench(options, scratch, scales, parts, new_results(options, scales))
    try:
        measure_everything(bench)
    except BaseException:
        log(f"kept {scratch} (gunicorn's logs, the exported code) to look into")
        raise
    shutil.rmtree(scratch, ignore_errors=True)
    return 0


def measure_everything(bench: Bench) -> None:
    options = bench.options
    started = time.monotonic()
    if options.commit:
        export_commit(options.commit, bench.scratch / "code")
    set_up_django(bench)
    prepare_data(bench)
    wait_until_quiet(options.quiet_load, options.quiet_wait)
    load_before = load_text()
    for index, scale in enumerate(bench.scales):
        measure_scale(bench, scale, first=index == 0)
    measure_with_cache(bench)
    finish(bench, load_before, started)


if __name__ == "__main__":
    sys.exit(main())
