"""The ground every page stands on: settings, health check, error pages, deploy checks."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import dj_database_url
import pytest
from django.db import connection

from tests.settings import own_test_database_name
from tests.utils import PROJECT_DIR, run_manage, run_python

SETTINGS_PROBE = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'debug': s.DEBUG, 'hosts': s.ALLOWED_HOSTS, "
    "'engine': s.DATABASES['default']['ENGINE'], 'name': str(s.DATABASES['default']['NAME']), "
    "'cache': s.CACHES['default']['BACKEND']}))"
)


def probe_settings(**env: str) -> dict:
    import json

    result = run_python(SETTINGS_PROBE, DJANGO_SETTINGS_MODULE="config.settings", **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


class TestSettingsFromEnvironment:
    def test_production_mode_refuses_to_start_without_secret_key(self):
        result = run_python(SETTINGS_PROBE, DJANGO_SETTINGS_MODULE="config.settings")
        assert result.returncode != 0
        assert "DJANGO_SECRET_KEY must be set" in result.stderr

    def test_debug_mode_starts_without_secret_key(self):
        assert probe_settings(DJANGO_DEBUG="1")["debug"] is True

    def test_defaults_to_sqlite_file_in_project_folder_and_local_memory_cache(self):
        found = probe_settings(DJANGO_SECRET_KEY="x" * 60)
        assert found["debug"] is False
        assert found["engine"] == "django.db.backends.sqlite3"
        assert found["name"] == str(PROJECT_DIR / "db.sqlite3")
        assert found["cache"].endswith("LocMemCache")

    def test_database_url_allowed_hosts_and_redis_url_are_read(self):
        found = probe_settings(
            DJANGO_SECRET_KEY="x" * 60,
            DJANGO_ALLOWED_HOSTS="registry.example, www.registry.example",
            DATABASE_URL="postgres://reader@db.internal:5432/registry",
            REDIS_URL="redis://127.0.0.1:6379/1",
        )
        assert found["hosts"] == ["registry.example", "www.registry.example"]
        assert found["engine"] == "django.db.backends.postgresql"
        assert found["name"] == "registry"
        assert found["cache"].endswith("RedisCache")


def test_check_deploy_is_clean_in_production_mode():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY="a-long-random-production-key-" + "k3y" * 20,
        DJANGO_ALLOWED_HOSTS="registry.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_migrations_are_complete():
    from django.core.management import call_command

    # Exits with SystemExit(1) when a model change has no migration.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_ruff_is_clean():
    ruff = Path(sys.executable).parent / "ruff"
    lint = subprocess.run([ruff, "check", "."], cwd=PROJECT_DIR, capture_output=True, text=True)  # noqa: S603
    assert lint.returncode == 0, lint.stdout
    fmt = subprocess.run(  # noqa: S603
        [ruff, "format", "--check", "."], cwd=PROJECT_DIR, capture_output=True, text=True
    )
    assert fmt.returncode == 0, fmt.stdout


def test_healthz_answers_ok_without_touching_the_database(client):
    # No django_db mark: pytest-django makes any query in this test raise.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")


@pytest.mark.django_db
def test_unknown_page_gets_the_styled_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body
    assert 'href="/search/"' in body
    assert "core/site.css" in body


def test_500_page_renders_without_a_request():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong" in html


@pytest.mark.django_db
def test_home_page_has_navigation_and_footer(client):
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    for link in ("/forums/", "/standards/", "/evaluations/", "/organizations/"):
        assert f'href="{link}"' in body
    assert "<footer" in body


def test_static_files_are_hashed_and_compressed_for_far_future_caching(tmp_path):
    result = run_manage(
        "collectstatic",
        "--no-input",
        "--verbosity",
        "0",
        DJANGO_SECRET_KEY="k" * 60,
        DJANGO_STATIC_ROOT=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    names = {p.name for p in tmp_path.rglob("site*.css*")}
    assert "site.css" in names
    assert any(n.startswith("site.") and n.endswith(".css") and n != "site.css" for n in names)
    assert any(n.endswith(".css.gz") for n in names)
    hashed = next(p for p in tmp_path.rglob("site.*.css") if p.name != "site.css")

    # Served by whitenoise in production mode with a far-future, immutable cache header.
    served = run_python(
        "import django; django.setup(); from django.test import Client; "
        f"r = Client().get('/static/core/{hashed.name}', secure=True); "
        "print(r.status_code, r.headers['Cache-Control'])",
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_SECRET_KEY="k" * 60,
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_STATIC_ROOT=str(tmp_path),
    )
    assert served.returncode == 0, served.stderr
    status, cache_control = served.stdout.strip().split(" ", 1)
    assert status == "200"
    assert "max-age=315360000" in cache_control
    assert "immutable" in cache_control


class TestEachCheckoutHasItsOwnTestDatabase:
    """Two checkouts may run `make test` at once against one PostgreSQL server."""

    POSTGRES = "postgres://postgres@127.0.0.1:5432/sodium_registry"

    def test_the_name_depends_on_the_checkout_path(self):
        here = own_test_database_name("sodium_registry", Path("/work/main"))
        there = own_test_database_name("sodium_registry", Path("/work/other-checkout"))
        assert here != there
        assert here == own_test_database_name("sodium_registry", Path("/work/main"))
        assert here.startswith("test_sodium_registry_")
        # With pytest-xdist's worker suffix, still within PostgreSQL's 63 characters.
        assert len(own_test_database_name("d" * 63, Path("/x")) + "_gw99") <= 63

    def test_the_test_settings_of_two_checkouts_name_two_databases(self, tmp_path):
        copies = []
        for checkout in ("one", "two"):
            copy = tmp_path / checkout / "tests" / "settings.py"
            copy.parent.mkdir(parents=True)
            shutil.copy(PROJECT_DIR / "tests" / "settings.py", copy)
            copies.append(str(copy))
        probe = (
            "import json, runpy; "
            f"print(json.dumps([runpy.run_path(p)['DATABASES']['default']['TEST']['NAME'] "
            f"for p in {copies!r}]))"
        )
        result = run_python(probe, DATABASE_URL=self.POSTGRES)
        assert result.returncode == 0, result.stderr
        names = json.loads(result.stdout.strip().splitlines()[-1])
        assert names == [
            own_test_database_name("sodium_registry", tmp_path / "one"),
            own_test_database_name("sodium_registry", tmp_path / "two"),
        ]

    @pytest.mark.django_db
    def test_this_run_uses_the_name_of_this_checkout(self):
        name = connection.settings_dict["NAME"]
        if connection.vendor == "sqlite":
            assert "memory" in name, "SQLite tests run in memory, apart from every checkout"
            return
        configured = dj_database_url.config()["NAME"]  # as DATABASE_URL names it
        own = own_test_database_name(configured, PROJECT_DIR)
        # pytest-xdist's workers add _gw0, _gw1, …
        assert re.fullmatch(re.escape(own) + r"(_gw\d+)?", name), name
