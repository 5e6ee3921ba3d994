"""Backups of the whole database: pg_dump/pg_restore on PostgreSQL, SQLite's online backup.

Both keep everything (content, history, users) in one file, and both can be taken
while the site is serving.
"""

import os
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection


def _postgres_environment() -> dict[str, str]:
    settings = connection.settings_dict
    env = dict(os.environ)
    env.update(
        {
            "PGHOST": settings.get("HOST") or "",
            "PGPORT": str(settings.get("PORT") or ""),
            "PGUSER": settings.get("USER") or "",
            "PGDATABASE": settings["NAME"],
        }
    )
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = settings["PASSWORD"]
    return {key: value for key, value in env.items() if value != ""}


def file_suffix() -> str:
    return ".dump" if connection.vendor == "postgresql" else ".sqlite3"


def back_up(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "postgresql":
        subprocess.run(  # noqa: S603
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={path}"],  # noqa: S607
            env=_postgres_environment(),
            check=True,
        )
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(path) as target:
            connection.connection.backup(target)
        target.close()
    else:
        raise NotImplementedError(f"No backup for the {connection.vendor} database.")


def restore(path: Path) -> None:
    """Replace the database's contents with the backup's."""
    if connection.vendor == "postgresql":
        connection.close()
        subprocess.run(  # noqa: S603
            [  # noqa: S607
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                f"--dbname={connection.settings_dict['NAME']}",
                str(path),
            ],
            env=_postgres_environment(),
            check=True,
        )
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(path) as source:
            source.backup(connection.connection)
        source.close()
    else:
        raise NotImplementedError(f"No restore for the {connection.vendor} database.")
