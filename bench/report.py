"""The report: Markdown tables of one run's results, checked against the targets.

A run's results are a plain dict (also saved as JSON in bench/results/, so that a later
run can set its figures beside them: `--compare-with LABEL`).
"""

import json
import re
import statistics
from pathlib import Path

RESULTS_DIR = Path(__file__).resolve().parent / "results"

# Targets from the issue, for a 2-core machine.
MAX_GROWTH = 1.5  # a public page uncached, largest scale ÷ smallest
MAX_TO_FORUMS = 3.0  # a public page uncached ÷ the forums list, smallest scale
MIN_REALISTIC_RATIO = 0.10  # realistic traffic, page cache on, ÷ /healthz's throughput
MAX_REALISTIC_P99_MS = 300.0
MIN_HITS_RATIO = 0.40  # one URL repeated, page cache on, ÷ /healthz
MAX_ADMIN_MS = 60.0  # a changelist, one request alone
MAX_FORM_QUERIES = 15  # a batch change form with 100 results: fewer than this
MAX_CSV_TO_COPY = 1.5
MAX_CSV_MEMORY_GROWTH_MB = 20.0  # "constant memory": peak at scale 5 vs scale 1

FORUMS_LIST = "Forums, first page"
FLOOR = "Health check (floor)"


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


def ms(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def ratio(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def mark(misses: list[str]) -> str:
    return "✗ " + "; ".join(misses) if misses else "✓"


def page_ms(page: dict | None) -> float | None:
    if page is None or page["status"] != 200 or not page["runs_ms"]:
        return None
    return median(page["runs_ms"])


# --- Public pages -------------------------------------------------------------------------


def _page_misses(name: str, to_forums: float | None, growth: float | None) -> list[str]:
    if name == FLOOR:
        return []
    misses = []
    if to_forums is not None and to_forums > MAX_TO_FORUMS:
        misses.append(f"> {MAX_TO_FORUMS:g}× forums list")
    if growth is not None and growth > MAX_GROWTH:
        misses.append(f"grows > {MAX_GROWTH:g}×")
    return misses


def _page_row(page: dict, large: dict | None, forums_ms: float | None) -> tuple[str, list[str]]:
    small_ms, large_ms = page_ms(page), page_ms(large)
    to_forums = small_ms / forums_ms if small_ms is not None and forums_ms else None
    growth = large_ms / small_ms if large_ms is not None and small_ms else None
    misses = _page_misses(page["name"], to_forums, growth)
    for found in (page, large):
        if found is not None and found["status"] != 200:
            misses.append(f"answers {found['status']} at `{found['path']}`")
    name = f"{page['name']} ({page['note']})" if page["note"] else page["name"]
    cells = [
        name,
        f"`{page['path']}`",
        str(page.get("queries", "—")),
        ms(small_ms),
        ratio(to_forums),
    ]
    if large is not None:
        cells += [str(large.get("queries", "—")), ms(large_ms), ratio(growth)]
    return "| " + " | ".join([*cells, mark(misses)]) + " |", misses


def public_section(results: dict) -> tuple[list[str], list[str]]:
    scales = results["scales"]
    small, large = scales[0], scales[-1] if len(scales) > 1 else None
    if small not in results["pages"]:
        return [], []
    by_name = {page["name"]: page for page in results["pages"].get(large or "", [])}
    small_pages = results["pages"][small]
    forums_ms = page_ms(next((p for p in small_pages if p["name"] == FORUMS_LIST), None))
    header = f"| Page | URL at scale {small} | Queries | ms, scale {small} | ÷ forums list |"
    rule = "| --- | --- | ---: | ---: | ---: |"
    if large:
        header += f" Queries, scale {large} | ms, scale {large} | Growth {small} → {large} |"
        rule += " ---: | ---: | ---: |"
    lines = [
        f"### Public pages, page cache off (every request rendered), scales {', '.join(scales)}",
        "",
        f"Each page alone: the median of {results['repeat']} requests made one after another "
        "on the otherwise idle server, after each worker has rendered it once. Queries: the "
        "same request once through Django's test client. Targets: at most "
        f"{MAX_TO_FORUMS:g}× the forums list at scale {small}"
        + (f", and at most {MAX_GROWTH:g}× from scale {small} to {large}." if large else "."),
        "",
        header + " Targets |",
        rule + " --- |",
    ]
    misses = []
    for page in small_pages:
        row, page_misses = _page_row(page, by_name.get(page["name"]) if large else None, forums_ms)
        lines.append(row)
        misses += [f"{page['name']}: {miss}" for miss in page_misses]
    return [*lines, ""], misses


def contract_section(results: dict) -> tuple[list[str], list[str]]:
    wrong = [item for item in results.get("contract", []) if item["status"] != 200]
    if not wrong:
        return [], []
    lines = [
        "Paths of the URL contract (DESIGN.md) that do not answer 200: "
        + ", ".join(f"`{item['path']}` {item['status']}" for item in wrong)
        + ".",
        "",
    ]
    return lines, [f"`{item['path']}` answers {item['status']}" for item in wrong]


# --- Page cache on --------------------------------------------------------------------------


def _statuses(wrk: dict) -> str:
    return ", ".join(f"{status}: {count:,}" for status, count in sorted(wrk["statuses"].items()))


def _hit_rate(wrk: dict) -> float | None:
    looked_up = wrk["cache"].get("hit", 0) + wrk["cache"].get("miss", 0)
    return wrk["cache"].get("hit", 0) / looked_up if looked_up else None


def run_name(run: dict) -> str:
    return f"{run['cache']}, {run['phase']}" if run.get("phase") else run["cache"]


def _realistic_row(run: dict, connections: int) -> tuple[str, list[str]]:
    floor, traffic = run["healthz"], run["traffic"]
    share = traffic["requests_per_second"] / floor["requests_per_second"]
    misses = []
    if share < MIN_REALISTIC_RATIO:
        misses.append(f"< {MIN_REALISTIC_RATIO:.0%} of /healthz")
    if traffic["p99_ms"] >= MAX_REALISTIC_P99_MS:
        misses.append(f"p99 ≥ {MAX_REALISTIC_P99_MS:g} ms")
    if traffic["errors"]:
        misses.append(f"errors: {traffic['error_text']}")
    hit_rate = _hit_rate(traffic)
    cells = [
        run_name(run),
        f"{traffic['requests']:,}",
        f"{traffic['requests_per_second']:,.0f}",
        f"{floor['requests_per_second']:,.0f}",
        ratio(share, 3),
        ms(traffic["p50_ms"]),
        ms(traffic["p99_ms"]),
        "—" if hit_rate is None else f"{hit_rate:.1%}",
        _statuses(traffic),
        mark(misses),
    ]
    return "| " + " | ".join(cells) + " |", misses


def realistic_section(results: dict) -> tuple[list[str], list[str]]:
    realistic = results.get("realistic")
    if not realistic:
        return [], []
    kinds = ", ".join(f"{count:,} {kind}" for kind, count in realistic["kinds"].items())
    precheck = realistic["precheck"]
    lines = [
        f"### Realistic traffic, page cache on, scale {results['scales'][0]}",
        "",
        f"{realistic['urls']:,} distinct URLs ({kinds}), each request a random one of them "
        f"(bench/realistic.lua), {realistic['connections']} connections for "
        f"{realistic['duration']} s from a cold cache (as after any edit, which moves the "
        f"content version on), then {realistic['duration']} s more on the same server; the "
        "cache's answer counted from each response's `X-Page-Cache` header. With each "
        "process's own memory a page cached by one worker is a miss in the others. "
        "/healthz measured on the same server just before. "
        f"Targets: at least {MIN_REALISTIC_RATIO:.0%} of /healthz, p99 under "
        f"{MAX_REALISTIC_P99_MS:g} ms. Before the run, {precheck['checked']} of the URLs "
        "drawn at random answered "
        + (
            "200 every one."
            if not precheck["problems"]
            else "other than 200: "
            + ", ".join(f"`{url}` {status}" for url, status in precheck["problems"])
            + "."
        ),
        "",
        "| Cache | Requests | Req/s | /healthz req/s | × /healthz | p50 ms | p99 ms | Hit rate | Statuses | Targets |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    misses = [f"URL answers {status}: `{url}`" for url, status in precheck["problems"]]
    for run in realistic["runs"]:
        row, run_misses = _realistic_row(run, realistic["connections"])
        lines.append(row)
        misses += [f"Realistic traffic ({run_name(run)}): {miss}" for miss in run_misses]
    lines += [f"- {note}" for note in realistic.get("notes", [])]
    return [*lines, ""], misses


def hits_section(results: dict) -> tuple[list[str], list[str]]:
    hits = results.get("hits")
    if not hits:
        return [], []
    lines = [
        "### Cache hits: one URL repeated, page cache on",
        "",
        f"Target: at least {MIN_HITS_RATIO:.0%} of /healthz's throughput on the same server.",
        "",
        "| Page | Cache | Req/s | × /healthz | p50 ms | p99 ms | Hit rate | Targets |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    misses = []
    for hit in hits:
        wrk = hit["wrk"]
        share = wrk["requests_per_second"] / hit["healthz_rps"]
        found = [f"< {MIN_HITS_RATIO:.0%} of /healthz"] if share < MIN_HITS_RATIO else []
        if wrk["errors"]:
            found.append(f"errors: {wrk['error_text']}")
        rate = _hit_rate(wrk)
        lines.append(
            f"| {hit['name']} (`{hit['path']}`) | {hit['cache']} | "
            f"{wrk['requests_per_second']:,.0f} | {share:.3f} | {ms(wrk['p50_ms'])} | "
            f"{ms(wrk['p99_ms'])} | {'—' if rate is None else f'{rate:.1%}'} | {mark(found)} |"
        )
        misses += [f"Cache hits, {hit['name']} ({hit['cache']}): {miss}" for miss in found]
    return [*lines, ""], misses


# --- Admin and CSV -----------------------------------------------------------------------------


def _admin_misses(page: dict) -> list[str]:
    if page["status"] != 200:
        return [f"answers {page['status']}"]
    misses = []
    if "changelist" in page["name"] and median(page["runs_ms"]) >= MAX_ADMIN_MS:
        misses.append(f"≥ {MAX_ADMIN_MS:g} ms")
    if "change form" in page["name"] and page["queries"] >= MAX_FORM_QUERIES:
        misses.append(f"≥ {MAX_FORM_QUERIES} queries")
    return misses


def admin_section(results: dict) -> tuple[list[str], list[str]]:
    admin = results.get("admin")
    if not admin:
        return [], []
    lines = [
        f"### Admin, scale {results['scales'][0]}, signed in as a superuser made for the run",
        "",
        f"The median of {results['repeat']} requests one after another with the session "
        "cookie; queries counted through Django's test client. Targets: changelists under "
        f"{MAX_ADMIN_MS:g} ms, the batch change form under {MAX_FORM_QUERIES} queries.",
        "",
        "| Page | URL | ms | Queries | Targets |",
        "| --- | --- | ---: | ---: | --- |",
    ]
    misses = []
    for page in admin:
        found = _admin_misses(page)
        name = f"{page['name']} ({page['note']})" if page["note"] else page["name"]
        lines.append(
            f"| {name} | `{page['path']}` | {ms(page_ms(page))} | {page['queries']} | {mark(found)} |"
        )
        misses += [f"Admin, {page['name']}: {miss}" for miss in found]
    return [*lines, ""], misses


def _csv_row(export: dict, smallest_peak: float) -> tuple[str, list[str]]:
    csv_time, copy_time = median(export["csv_s"]), median(export["copy_s"])
    share = csv_time / copy_time
    misses = [f"> {MAX_CSV_TO_COPY:g}× COPY"] if share > MAX_CSV_TO_COPY else []
    if export["peak_mb"] > smallest_peak + MAX_CSV_MEMORY_GROWTH_MB:
        misses.append(f"peak > {MAX_CSV_MEMORY_GROWTH_MB:g} MB above the smallest scale's")
    row = (
        f"| {export['scale']} | {export['rows']:,} | {export['megabytes']:.1f} | "
        f"{csv_time:.2f} | {copy_time:.2f} | {share:.2f} | "
        f"{export['peak_mb']:.0f} (idle {export['idle_mb']:.0f}) | {mark(misses)} |"
    )
    return row, misses


def csv_section(results: dict) -> tuple[list[str], list[str]]:
    exports = results.get("csv", [])
    if not exports:
        return [], []
    lines = [
        "### CSV export of every public result beside COPY",
        "",
        "`/evaluations/results/?format=csv` downloaded with curl, beside `psql \\copy` of the "
        "same rows and columns, joined and ordered as the view does, to /dev/null; peak RSS "
        "is the highest of the freshly restarted gunicorn workers over the downloads. "
        f"Targets: within {MAX_CSV_TO_COPY:g}× COPY's time at every scale, and constant memory "
        f"(the peak at most {MAX_CSV_MEMORY_GROWTH_MB:g} MB above the smallest scale's).",
        "",
        "| Scale | Rows | MB | CSV s (median) | COPY s (median) | CSV ÷ COPY | Worker peak RSS MB | Targets |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    misses = []
    for export in exports:
        row, found = _csv_row(export, exports[0]["peak_mb"])
        lines.append(row)
        misses += [f"CSV export, scale {export['scale']}: {miss}" for miss in found]
    runs = "; ".join(
        f"scale {e['scale']}: CSV {', '.join(f'{s:.2f}' for s in e['csv_s'])} s, "
        f"COPY {', '.join(f'{s:.2f}' for s in e['copy_s'])} s"
        for e in exports
    )
    return [*lines, "", f"Runs: {runs}.", ""], misses


# --- The whole section --------------------------------------------------------------------------


SECTIONS = [
    public_section,
    contract_section,
    realistic_section,
    hits_section,
    admin_section,
    csv_section,
]


def render_report(results: dict, before: dict | None = None) -> str:
    lines = [f"## {results['label']}", ""]
    lines += [f"- **{key}**: {value}" for key, value in results["machine"]]
    for scale in results["scales"]:
        generated = results["generated"].get(scale)
        lines.append(
            f"- **Data, scale {scale}**: {results['data'][scale]}"
            + (f" (generated in {generated:.0f} s)" if generated else "")
        )
    lines.append("")
    misses = []
    for section in SECTIONS:
        section_lines, section_misses = section(results)
        lines += section_lines
        misses += section_misses
    if before is not None:
        lines += comparison_section(before, results)
    lines += (
        ["Targets missed:", *[f"- {miss}" for miss in misses]] if misses else ["Every target met."]
    )
    return "\n".join([*lines, ""])


# --- Before and after --------------------------------------------------------------------------


def key_figures(results: dict) -> dict[str, str]:
    """The figures the targets are about, by a name stable across runs."""
    figures = {}
    for run in (results.get("realistic") or {}).get("runs", []):
        traffic, floor = run["traffic"], run["healthz"]
        share = traffic["requests_per_second"] / floor["requests_per_second"]
        rate = _hit_rate(traffic)
        name = f"Realistic traffic ({run_name(run)})"
        figures[f"{name}, × /healthz"] = ratio(share, 3)
        figures[f"{name}, p99 ms"] = ms(traffic["p99_ms"])
        figures[f"{name}, hit rate"] = "—" if rate is None else f"{rate:.1%}"
    for hit in results.get("hits", []):
        share = hit["wrk"]["requests_per_second"] / hit["healthz_rps"]
        figures[f"Cache hits, {hit['name']} ({hit['cache']}), × /healthz"] = ratio(share, 3)
    for page in results.get("admin", []):
        figures[f"Admin, {page['name']}, ms"] = ms(page_ms(page))
        figures[f"Admin, {page['name']}, queries"] = str(page["queries"])
    for export in results.get("csv", []):
        share = median(export["csv_s"]) / median(export["copy_s"])
        figures[f"CSV export, scale {export['scale']}, ÷ COPY"] = ratio(share)
        figures[f"CSV export, scale {export['scale']}, peak MB"] = f"{export['peak_mb']:.0f}"
    return figures


def page_figures(results: dict) -> dict[str, list[str]]:
    """Per public page: ms at the first scale, ÷ the forums list, ms at the second, growth."""
    scales = results["scales"]
    small = results["pages"].get(scales[0], [])
    large = {page["name"]: page for page in results["pages"].get(scales[-1], [])}
    forums_ms = page_ms(next((p for p in small if p["name"] == FORUMS_LIST), None))
    figures = {}
    for page in small:
        small_ms = page_ms(page)
        large_ms = page_ms(large.get(page["name"])) if len(scales) > 1 else None
        figures[page["name"]] = [
            ms(small_ms),
            ratio(small_ms / forums_ms if small_ms is not None and forums_ms else None),
            ms(large_ms),
            ratio(large_ms / small_ms if large_ms is not None and small_ms else None),
        ]
    return figures


def _pages_comparison(before: dict, after: dict) -> list[str]:
    old, new = page_figures(before), page_figures(after)
    if not old and not new:
        return []
    empty = ["—"] * 4
    small, large = after["scales"][0], after["scales"][-1]
    lines = [
        f"| Page | ms, scale {small} | ÷ forums list | ms, scale {large} | Growth |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name in [*new, *(name for name in old if name not in new)]:
        cells = zip(old.get(name, empty), new.get(name, empty), strict=True)
        lines.append(f"| {name} | " + " | ".join(f"{a} → {b}" for a, b in cells) + " |")
    return [*lines, ""]


def comparison_section(before: dict, after: dict) -> list[str]:
    old, new = key_figures(before), key_figures(after)
    lines = [
        f"### Before and after: “{before['label']}” → this run",
        "",
        f"Before: {dict(before['machine']).get('Code', '?')}, "
        f"{dict(before['machine']).get('Date', '?')}. After: "
        f"{dict(after['machine']).get('Code', '?')}, {dict(after['machine']).get('Date', '?')}. "
        "Each cell: before → after.",
        "",
        *_pages_comparison(before, after),
        "| Measure | Before | After |",
        "| --- | ---: | ---: |",
    ]
    for name in [*new, *(name for name in old if name not in new)]:
        lines.append(f"| {name} | {old.get(name, '—')} | {new.get(name, '—')} |")
    return [*lines, ""]


# --- Files ---------------------------------------------------------------------------------


def slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-") or "run"


def save_results(results: dict, directory: Path = RESULTS_DIR) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{slug(results['label'])}.json"
    path.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    return path


def load_results(label: str, directory: Path = RESULTS_DIR) -> dict:
    path = directory / f"{slug(label)}.json"
    if not path.exists():
        raise SystemExit(f"no saved results for “{label}” ({path}): run with that --label first")
    return json.loads(path.read_text())


def write_section(path: Path, label: str, section: str, intro: str) -> None:
    """Add the section under `## label`, or replace the earlier one of that name; the
    other sections stay as they are."""
    text = path.read_text() if path.exists() else intro
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


INTRO = """# Performance

`make bench` (bench/run_bench.py) measures the site as it runs in production:
PostgreSQL, DEBUG off, gunicorn, on the synthetic data of `manage.py generate_data` at
scale 1 and scale 5. Each section below is one run, headed by its label, with the
machine it ran on; the ratios within one run (to the forums list's cost, to /healthz's
throughput, to COPY's time) are what compare across runs and machines.
"""
