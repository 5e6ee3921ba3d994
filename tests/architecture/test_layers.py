"""Imports run one way: core <- directory <- forums <- standards <- evaluations <- portal,
sampledata. A lower layer that shows records of a higher one reaches them through a
reverse relation (core.models.reverse_model), never an import."""

import ast
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
LAYERS = ["core", "directory", "forums", "standards", "evaluations", ["portal", "sampledata"]]
# What each app may import from the project: the layers below it, and itself.
ALLOWED: dict[str, set[str]] = {}
_below: set[str] = set()
for layer in LAYERS:
    apps = layer if isinstance(layer, list) else [layer]
    for app in apps:
        ALLOWED[app] = {*_below, app}
    _below |= set(apps)
PROJECT_PACKAGES = {*ALLOWED, "config", "tests", "bench"}
# Exceptions the README lists, with their reasons. None today.
EXCEPTIONS: set[tuple[str, str]] = set()


def app_modules(app: str):
    for path in sorted((PROJECT_DIR / app).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def imported_packages(path: Path) -> set[str]:
    """The project packages a module imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found |= {name.split(".")[0] for name in names} & PROJECT_PACKAGES
    return found


def test_every_app_is_in_a_layer():
    apps = {path.parent.name for path in PROJECT_DIR.glob("*/apps.py")}
    assert apps == set(ALLOWED)


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_imports_run_one_way(app):
    wrong = {
        (str(path.relative_to(PROJECT_DIR)), package)
        for path in app_modules(app)
        for package in imported_packages(path) - ALLOWED[app]
    }
    assert wrong - EXCEPTIONS == set(), f"{app} imports from a layer above it"


def test_the_check_sees_a_wrong_import(tmp_path):
    module = tmp_path / "views.py"
    module.write_text("def f():\n    from evaluations.models import EvaluationBatch\n")
    assert imported_packages(module) - ALLOWED["forums"] == {"evaluations"}


def test_nothing_imports_the_top_layer():
    importers = {
        str(path.relative_to(PROJECT_DIR))
        for app in ALLOWED
        if app not in ("portal", "sampledata")
        for path in app_modules(app)
        if imported_packages(path) & {"portal", "sampledata"}
    }
    assert importers == set()
