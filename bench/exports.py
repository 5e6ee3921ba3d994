"""The CSV export of every public evaluation result, timed beside PostgreSQL's COPY."""

import csv
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from harness import MemorySampler, Server, memory_kb, restart_workers, run

CSV_PATH = "/evaluations/results/?format=csv"


def copy_sql(base_url: str) -> str:
    """The export's rows and columns, as the view selects and orders them, for COPY.

    Kept in step with evaluations/exports.py by hand: the basis standard's code only
    when that standard is public (its batch's pinned edition, else its program's), and
    the link to the result on its batch's page.
    """
    from core.models import Visibility
    from directory.models import OrganizationKind
    from evaluations.models import Outcome

    def label(column: str, choices) -> str:
        cases = " ".join(f"WHEN '{value}' THEN '{text}'" for value, text in choices)
        return f"CASE {column} {cases} ELSE {column} END"

    public = Visibility.PUBLIC
    basis = (
        f"CASE WHEN bs.id IS NOT NULL THEN CASE WHEN bs.visibility = '{public}' THEN bs.code "
        f"ELSE '' END WHEN ps.visibility = '{public}' THEN ps.code ELSE '' END"
    )
    # Our own labels and loopback URL in the text: no outside input.
    return (
        "SELECT o.name, o.native_name, "  # noqa: S608
        f"{label('o.kind', OrganizationKind.choices)}, r.product, p.name, b.number, "
        f"{label('r.outcome', Outcome.choices)}, r.withdrawn_on, r.withdrawal_reason, "
        "b.announced_on_effective, CASE WHEN b.announced_during_forum THEN 'forum dates' "
        "WHEN b.announced_on_effective IS NOT NULL THEN 'announcement' ELSE '' END, "
        f"{basis}, "
        f"'{base_url}/evaluations/' || b.slug || '/#result-' || r.id "
        "FROM evaluations_evaluationresult r "
        "JOIN evaluations_evaluationbatch b ON b.id = r.batch_id "
        "JOIN evaluations_evaluationprogram p ON p.id = b.program_id "
        "JOIN directory_organization o ON o.id = r.organization_id "
        "LEFT JOIN standards_standard bs ON bs.id = b.basis_standard_id "
        "LEFT JOIN standards_standard ps ON ps.id = p.basis_standard_id "
        f"WHERE b.visibility = '{public}' "
        'ORDER BY b.announced_on_effective DESC, p.name, b.number, r."order"'
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


def _download(url: str, target: Path, env: dict) -> tuple[int, float]:
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
    return int(size), float(seconds)


def time_csv(server: Server, workers: int, runs: int, env: dict, scratch: Path) -> CsvResult:
    """`runs` downloads of the export from freshly restarted workers, with their peak
    memory; the first download's rows are counted."""
    url = server.base + CSV_PATH
    restart_workers(server, workers)
    baseline = max(memory_kb(pid, "VmRSS") for pid in server.workers()) / 1024
    result = CsvResult(rows=0, megabytes=0.0, baseline_rss_mb=baseline)
    with MemorySampler(server) as sampler:
        for attempt in range(runs):
            target = scratch / "results.csv" if attempt == 0 else Path(os.devnull)
            size, seconds = _download(url, target, env)
            result.seconds.append(seconds)
            result.megabytes = size / 1e6
            if attempt == 0:
                with target.open(encoding="utf-8-sig", newline="") as handle:
                    result.rows = sum(1 for _ in csv.reader(handle)) - 1
                target.unlink()
    result.peak_rss_mb = sampler.peak_kb / 1024
    return result
