"""Search indexes on PostgreSQL: sessions' titles and descriptions.

Global search (portal/search.py) matches sessions' titles, native titles and
descriptions as substrings ("Prussian blue", "100 MWh", "Application Sub-Forum"):
`UPPER(field) LIKE UPPER('%word%')`, which these trigram GIN indexes serve, as in
0006_search_indexes. SQLite has none of this: the operations do nothing there.
"""

from django.db import migrations

INDEXES = {
    "forums_session_title_trgm": "forums_session USING gin (UPPER(title::text) gin_trgm_ops)",
    "forums_session_native_title_trgm": (
        "forums_session USING gin (UPPER(native_title::text) gin_trgm_ops)"
    ),
    "forums_session_description_trgm": (
        "forums_session USING gin (UPPER(description) gin_trgm_ops)"
    ),
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, definition in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {definition}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("forums", "0008_schedule")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
