"""Load test: the public pages under production settings behind gunicorn.

Serves the demo content from PostgreSQL with DEBUG off and the page cache on, as in
production, and drives a rotation of every kind of public page with wrk from this
machine (loopback only, bounded in time). Passes when at least 10,000 requests were
answered at 32 concurrent connections with no error; writes docs/load-test.md.

    .venv/bin/python bench/load_test.py [--seconds 30] [--connections 32]
"""

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# The shared harness beside this file.
from run_bench import (
    BIN,
    PROJECT_DIR,
    bench_environment,
    ensure_database,
    machine_description,
    parse_wrk,
    start_server,
)

DATABASE_URL = "postgres://postgres@127.0.0.1:5432/sodium_load"
REPORT = PROJECT_DIR / "docs" / "load-test.md"
MIN_REQUESTS = 10_000
PATHS = [
    "/",
    "/forums/",
    "/forums/2025-weihai-sodium-ion-battery-forum/",
    "/standards/",
    "/standards/?level=group",
    "/standards/t-cnesa-1006-2025/",
    "/standards/lifecycle/",
    "/evaluations/",
    "/evaluations/sodium-ion-battery-evaluation-batch-6/",
    "/evaluations/results/",
    "/evaluations/results/?outcome=participated",
    "/organizations/",
    "/organizations/?kind=company",
    "/organizations/ningde-times-new-energy-technology/",
    "/people/li-jinghong/",
    "/search/?q=sodium",
    "/search/?q=1006-2025",
    "/sitemap.xml",
    "/robots.txt",
]
LUA = """
local paths = {%s}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def manage(env: dict, *args: str) -> None:
    subprocess.run([str(BIN / "python"), "manage.py", *args], cwd=PROJECT_DIR, env=env, check=True)  # noqa: S603


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=3)
    options = parser.parse_args()

    ensure_database(DATABASE_URL)
    with tempfile.TemporaryDirectory(prefix="sodium-load-") as scratch:
        scratch_dir = Path(scratch)
        env = bench_environment(DATABASE_URL, scratch_dir / "static", page_cache=True)
        manage(env, "migrate", "--no-input", "--verbosity", "0")
        manage(env, "load_demo")
        manage(env, "collectstatic", "--no-input", "--verbosity", "0")
        script = scratch_dir / "rotate.lua"
        script.write_text(LUA % ", ".join(f'"{path}"' for path in PATHS))

        server = start_server(env, options.workers, scratch_dir)
        try:
            started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
            output = subprocess.run(  # noqa: S603
                [  # noqa: S607
                    "wrk",
                    "-t2",
                    f"-c{options.connections}",
                    f"-d{options.seconds}s",
                    "--timeout",
                    "10s",
                    "--latency",
                    "-s",
                    str(script),
                    server.base,
                ],
                capture_output=True,
                text=True,
                check=True,
                timeout=options.seconds + 60,
            ).stdout
        finally:
            server.stop()

    result = parse_wrk(output)
    passed = result.requests >= MIN_REQUESTS and result.errors == 0
    report = "\n".join(
        [
            "# Load test",
            "",
            "`bench/load_test.py`: the demo content on PostgreSQL, production settings (DEBUG "
            f"off, page cache on), gunicorn with {options.workers} sync workers, and wrk on "
            f"the same machine rotating through {len(PATHS)} public URLs (every list, detail, "
            "search, sitemap and robots page) for a bounded time.",
            "",
            f"- **Date**: {started}",
            *[
                f"- **{label}**: {value}"
                for label, value in machine_description(
                    DATABASE_URL,
                    options.workers,
                    2,
                    options.connections,
                    options.seconds,
                    page_cache=True,
                )
            ],
            f"- **Load**: `wrk -t2 -c{options.connections} -d{options.seconds}s`",
            "",
            "| requests | errors | req/s | p50 ms | p99 ms | verdict |",
            "| ---: | ---: | ---: | ---: | ---: | --- |",
            f"| {result.requests:,} | {result.errors} ({result.error_text or 'none'}) | "
            f"{result.requests_per_second:,.0f} | {result.p50_ms:.1f} | {result.p99_ms:.1f} | "
            f"{'pass' if passed else 'FAIL'}: at least {MIN_REQUESTS:,} requests with zero errors |",
            "",
            "Raw wrk output:",
            "",
            "```",
            output.strip(),
            "```",
            "",
        ]
    )
    REPORT.write_text(report)
    print(report)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
