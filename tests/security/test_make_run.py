"""`make run` is the development server: it refuses to start with debug off."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]


def make_run(tmp_path, *args: str, **env: str) -> subprocess.CompletedProcess:
    if shutil.which("make") is None:
        pytest.fail("make is not installed: the README's `make run` needs it")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    # Were the refusal to fail, nothing of the shared tree is touched: a throwaway
    # database, an unused port, and a timeout.
    clean.update(DATABASE_URL=f"sqlite:///{tmp_path / 'run.sqlite3'}", PORT="18765", **env)
    return subprocess.run(  # noqa: S603
        ["make", "--no-print-directory", "run", *args],  # noqa: S607
        cwd=PROJECT_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=30,
    )


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["DJANGO_DEBUG=0"], {}),  # given on the command line
        ([], {"DJANGO_DEBUG": "0"}),  # exported
        ([], {"DJANGO_DEBUG": "false"}),
        ([], {"DJANGO_DEBUG": ""}),  # set but empty: the settings read that as off
    ],
    ids=["given", "exported", "false", "empty"],
)
def test_make_run_refuses_with_debug_off_and_points_to_make_serve(tmp_path, args, env):
    result = make_run(tmp_path, *args, **env)
    assert result.returncode != 0
    assert "make run refuses to start" in result.stdout
    assert "make serve" in result.stdout
    # Nothing started: no install, no migration, no server.
    assert "manage.py" not in result.stdout + result.stderr
    assert "pip" not in result.stdout + result.stderr
    assert not (tmp_path / "run.sqlite3").exists()
