"""`make backup` and `make restore`: a backup restored into an empty database gives the
same public pages."""

import io
import json
import uuid

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from tests.utils import run_manage, run_python

PAGES = [
    "/",
    "/forums/2025-weihai-sodium-ion-battery-forum/",
    "/standards/",
    "/standards/t-cnesa-1006-2025/",
    "/evaluations/sodium-ion-battery-evaluation-batch-6/",
    "/evaluations/results/",
    "/organizations/ningde-times-new-energy-technology/",
    "/people/li-jinghong/",
    "/search/?q=sodium",
]

RENDER_PAGES = (
    "import django, json; django.setup(); from django.test import Client; c = Client(); "
    f"print(json.dumps({{p: c.get(p).content.decode() for p in {PAGES!r}}}))"
)


@pytest.fixture
def empty_database(tmp_path):
    """A database URL for a new, empty database of the same kind as the test database."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    settings = connection.settings_dict
    name = f"restore_{uuid.uuid4().hex[:12]}"
    server = f"postgresql://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/postgres"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{name}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_backup_restored_into_an_empty_database_gives_the_same_pages(tmp_path, empty_database):
    call_command("load_demo", stdout=io.StringIO())
    client = Client()
    expected = {path: client.get(path).content.decode() for path in PAGES}
    backup_file = tmp_path / (
        "registry.dump" if connection.vendor == "postgresql" else "registry.sqlite3"
    )

    call_command("backup", str(backup_file))
    assert backup_file.stat().st_size > 0

    env = {
        "DJANGO_DEBUG": "1",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": empty_database,
    }
    restored = run_manage("restore", str(backup_file), "--no-input", **env)
    assert restored.returncode == 0, restored.stderr

    rendered = run_python(RENDER_PAGES, DJANGO_SETTINGS_MODULE="config.settings", **env)
    assert rendered.returncode == 0, rendered.stderr
    pages = json.loads(rendered.stdout.strip().splitlines()[-1])
    for path in PAGES:
        assert pages[path] == expected[path], path
    assert (
        "Ningde Times New Energy Technology"
        in pages["/organizations/ningde-times-new-energy-technology/"]
    )


def test_restore_refuses_a_missing_file(tmp_path):
    result = run_manage(
        "restore", str(tmp_path / "nothing.sqlite3"), "--no-input", DJANGO_DEBUG="1"
    )
    assert result.returncode != 0
    assert "No backup file at" in result.stderr


def test_restore_refuses_a_backup_of_the_other_database_kind(tmp_path):
    wrong_kind = tmp_path / "registry.dump"
    wrong_kind.write_bytes(b"PGDMP")
    result = run_manage(
        "restore",
        str(wrong_kind),
        "--no-input",
        DJANGO_DEBUG="1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode != 0
    assert "is not a sqlite backup" in result.stderr
