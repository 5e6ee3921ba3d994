"""Search indexes on PostgreSQL: standards' codes and titles.

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
    # `code_normalized__contains` (search, the list's box) compares as is; the
    # admin's `icontains` compares UPPER().
    "standards_standard_code_normalized_trgm": (
        "standards_standard USING gin (code_normalized gin_trgm_ops)"
    ),
    "standards_standard_code_normalized_upper_trgm": "standards_standard USING gin (UPPER(code_normalized::text) gin_trgm_ops)",
    "standards_standard_code_trgm": "standards_standard USING gin (UPPER(code::text) gin_trgm_ops)",
    "standards_standard_title_trgm": "standards_standard USING gin (UPPER(title::text) gin_trgm_ops)",
    "standards_standard_native_title_trgm": "standards_standard USING gin (UPPER(native_title::text) gin_trgm_ops)",
    "standards_standard_scope_trgm": "standards_standard USING gin (UPPER(scope) gin_trgm_ops)",
    "standards_standard_search_vector": (
        "standards_standard USING gin (to_tsvector('english'::regconfig, "
        "COALESCE(title, '') || ' ' || COALESCE(native_title, '')))"
    ),
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
    dependencies = [("standards", "0005_record_revision")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
