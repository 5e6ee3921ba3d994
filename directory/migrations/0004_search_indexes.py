"""Search indexes on PostgreSQL: organizations' and people's names.

`field__icontains` compiles to `UPPER("field"::text) LIKE UPPER('%word%')`: a trigram
GIN index on `UPPER(field)` serves it, so search, the lists' search boxes and the
admin's search boxes (core.filters.all_words) read only the rows that match. The
text-search indexes are on the very `to_tsvector` expressions portal/search.py builds.
tests/portal/test_search_indexes.py checks the plans use them.

SQLite has none of this (same results, read by scanning): the operations do nothing
there. The indexes are not in the models' Meta, which cannot say "PostgreSQL only".
"""

from django.db import migrations

INDEXES = {
    "directory_organization_name_trgm": "directory_organization USING gin (UPPER(name::text) gin_trgm_ops)",
    "directory_organization_native_name_trgm": "directory_organization USING gin (UPPER(native_name::text) gin_trgm_ops)",
    "directory_organization_aliases_trgm": "directory_organization USING gin (UPPER(aliases) gin_trgm_ops)",
    "directory_organization_slug_trgm": "directory_organization USING gin (UPPER(slug::text) gin_trgm_ops)",
    "directory_person_name_trgm": "directory_person USING gin (UPPER(name::text) gin_trgm_ops)",
    "directory_person_native_name_trgm": "directory_person USING gin (UPPER(native_name::text) gin_trgm_ops)",
    "directory_person_honorific_trgm": "directory_person USING gin (UPPER(honorific::text) gin_trgm_ops)",
    "directory_person_slug_trgm": "directory_person USING gin (UPPER(slug::text) gin_trgm_ops)",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # Left in place on the way back: other apps' indexes need it too.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, definition in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {definition}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_record_revision")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
