"""The harness's own pieces that need no database: wrk's output, realistic.lua, the report.

Run with `.venv/bin/python -m pytest bench/tests -q` (not part of the suite in tests/).
"""

# ruff: noqa: S101 -- pytest's asserts (the suite's tests/** has the same exemption)

import http.server
import shutil
import threading

import pytest
from harness import parse_wrk, run_wrk
from report import render_report, write_section

WRK_OUTPUT = """Running 2s test @ http://127.0.0.1:8000
  2 threads and 4 connections
  Latency Distribution
     50%    1.88ms
     75%    4.34ms
     90%    7.31ms
     99%   16.20ms
  3017 requests in 2.01s, 1.05MB read
  Non-2xx or 3xx responses: 1473
Requests/sec:   1502.99
PAGE-CACHE hit=1200
PAGE-CACHE miss=300
PAGE-CACHE none=1517
STATUS 404=1473
STATUS 200=1544
"""


def test_parse_wrk_reads_latency_errors_cache_and_statuses():
    result = parse_wrk(WRK_OUTPUT)
    assert result.requests == 3017
    assert result.requests_per_second == pytest.approx(1502.99)
    assert (result.p50_ms, result.p99_ms) == (pytest.approx(1.88), pytest.approx(16.2))
    assert result.errors == 1473
    assert result.cache == {"hit": 1200, "miss": 300, "none": 1517}
    assert result.hit_rate == pytest.approx(0.8)
    assert result.statuses == {"404": 1473, "200": 1544}


class CachedPages(http.server.BaseHTTPRequestHandler):
    """/hit and /miss answer 200 with that X-Page-Cache header; anything else 404."""

    def do_GET(self):
        state = self.path.strip("/")
        self.send_response(200 if state in ("hit", "miss") else 404)
        if state in ("hit", "miss"):
            self.send_header("X-Page-Cache", state)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # wrk closes its connections mid-response when its time is up


@pytest.fixture
def cached_pages():
    server = QuietServer(("127.0.0.1", 0), CachedPages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed")
def test_realistic_lua_asks_for_every_path_and_counts_each_answer(cached_pages, tmp_path):
    paths = tmp_path / "paths.txt"
    paths.write_text("/hit\n/miss\n/missing\n")
    result = run_wrk(
        cached_pages, threads=2, connections=4, seconds=1, env={}, paths_file=paths, seed=3
    )
    assert result.requests > 30
    answered = result.statuses["200"] + result.statuses["404"]
    assert answered == sum(result.statuses.values()) == result.requests
    # Each of the three paths was drawn, and each answer counted once by its header.
    assert result.cache["hit"] > 0 and result.cache["miss"] > 0
    assert result.cache["hit"] + result.cache["miss"] == result.statuses["200"]
    assert result.cache["none"] == result.statuses["404"]


def page(name, path, runs, status=200, queries=3):
    return {"name": name, "path": path, "note": "", "status": status, "runs_ms": runs} | {
        "queries": queries
    }


def wrk(rps, p99, hits=0, misses=0, statuses=None):
    return {
        "requests_per_second": rps,
        "p50_ms": p99 / 3,
        "p99_ms": p99,
        "requests": int(rps * 60),
        "errors": 0,
        "error_text": "",
        "single_ms": 0.0,
        "cache": {"hit": hits, "miss": misses, "none": 0},
        "statuses": statuses or {"200": hits + misses},
    }


def results(label="Before", forum_ms=10.0, results_ms_at_5=200.0, form_queries=209):
    return {
        "label": label,
        "scales": ["1", "5"],
        "repeat": 5,
        "machine": [["Code", "commit abc1234"], ["Date", "2026-12-01 23:00 UTC"]],
        "data": {"1": "200,000 results", "5": "1,000,000 results"},
        "generated": {"1": None, "5": 420.0},
        "pages": {
            "1": [
                page("Forums, first page", "/forums/", [forum_ms, forum_ms + 1, forum_ms - 1]),
                page("Results, first page", "/evaluations/results/", [40.0, 41.0, 39.0]),
                page("Sitemap", "/sitemap.xml", [1300.0]),
            ],
            "5": [
                page("Forums, first page", "/forums/", [12.0]),
                page("Results, first page", "/evaluations/results/", [results_ms_at_5]),
                page("Sitemap", "/sitemap.xml", [], status=500),
            ],
        },
        "contract": [{"path": "/people/", "status": 404}, {"path": "/api/", "status": 200}],
        "admin": [
            page("Results changelist", "/admin/evaluations/evaluationresult/", [210.0], 200, 6),
            page("Batch change form", "/admin/x/1/change/", [50.0], 200, form_queries),
        ],
        "realistic": {
            "urls": 3500,
            "kinds": {"searches": 500, "detail pages (sitemap sample)": 1575},
            "precheck": {"checked": 150, "problems": [["/forums/?page=9", 301]]},
            "duration": 60,
            "connections": 32,
            "runs": [
                {
                    "cache": "local memory",
                    "phase": "cold cache",
                    "healthz": wrk(3000, 20),
                    "traffic": wrk(150, 900, hits=3000, misses=6000),
                }
            ],
            "notes": [],
        },
        "hits": [
            {
                "name": "Home",
                "path": "/",
                "cache": "local memory",
                "wrk": wrk(1400, 40, hits=14000),
                "healthz_rps": 3000,
            }
        ],
        "csv": [
            {"scale": "1", "rows": 184600, "megabytes": 60.0, "csv_s": [0.9], "copy_s": [0.6]}
            | {"peak_mb": 59.0, "idle_mb": 57.0},
            {"scale": "5", "rows": 920200, "megabytes": 300.0, "csv_s": [5.5], "copy_s": [3.0]}
            | {"peak_mb": 120.0, "idle_mb": 57.0},
        ],
    }


def test_report_checks_every_target_and_names_what_missed():
    report = render_report(results())
    misses = report.split("Targets missed:", 1)[1]
    # Results list: 40 ms is 4x the forums list's 10 ms, and it grows 5x to scale 5.
    assert "- Results, first page: > 3× forums list\n" in misses
    assert "- Results, first page: grows > 1.5×\n" in misses
    assert "Forums, first page:" not in misses  # 10 -> 12 ms: within both targets
    assert "Sitemap: answers 500 at `/sitemap.xml`" in misses
    assert "`/people/` answers 404" in misses and "`/api/`" not in misses
    assert "URL answers 301: `/forums/?page=9`" in misses
    # 150 req/s is 5% of /healthz's 3,000; p99 900 ms; one third of lookups hit.
    assert "Realistic traffic (local memory, cold cache): < 10% of /healthz\n" in misses
    assert "Realistic traffic (local memory, cold cache): p99 ≥ 300 ms\n" in misses
    assert "| 33.3% |" in report
    assert "Cache hits, Home" not in misses  # 1,400 of 3,000 req/s: 47%
    assert "Admin, Results changelist: ≥ 60 ms" in misses
    assert "Admin, Batch change form: ≥ 15 queries" in misses
    assert "CSV export, scale 1: > 1.5× COPY" not in misses  # 0.9 s against 0.6 s
    assert "CSV export, scale 5: > 1.5× COPY\n" in misses
    assert "CSV export, scale 5: peak > 20 MB above the smallest scale's" in misses


def test_report_with_every_target_met_says_so():
    met = results(forum_ms=20.0, results_ms_at_5=45.0, form_queries=9)
    met["pages"]["5"][2] = page("Sitemap", "/sitemap.xml", [60.0])
    met["pages"]["1"][2] = page("Sitemap", "/sitemap.xml", [50.0])
    met["contract"] = []
    met["admin"] = [met["admin"][1]]
    met["realistic"]["precheck"]["problems"] = []
    met["realistic"]["runs"][0]["traffic"] = wrk(600, 250, hits=30000, misses=6000)
    met["csv"] = [met["csv"][0]]
    met["csv"][0]["csv_s"] = [0.8]
    report = render_report(met)
    assert "Targets missed" not in report
    assert report.rstrip().endswith("Every target met.")


def test_comparison_sets_the_after_figures_beside_the_before_ones():
    report = render_report(results("After", results_ms_at_5=45.0), before=results("Before"))
    assert "### Before and after: “Before” → this run" in report
    # Results list: 40 ms, 4× the forums list, at scale 1 both times; 200 -> 45 ms at 5.
    assert (
        "| Results, first page | 40.0 → 40.0 | 4.00 → 4.00 | 200 → 45.0 | 5.00 → 1.12 |" in report
    )
    assert "| Admin, Batch change form, queries | 209 | 209 |" in report


def test_write_section_replaces_its_own_section_and_keeps_the_others(tmp_path):
    path = tmp_path / "performance.md"
    write_section(path, "Before", "## Before\n\nfirst\n", "# Performance\n")
    write_section(path, "After", "## After\n\nsecond\n", "# Performance\n")
    write_section(path, "Before", "## Before\n\nagain\n", "# Performance\n")
    text = path.read_text()
    assert text.startswith("# Performance\n")
    assert "again" in text and "first" not in text and "second" in text
    assert text.index("## Before") < text.index("## After")
