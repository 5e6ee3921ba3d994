"""Search indexes on PostgreSQL: programs' names, results' products.

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
    "evaluations_evaluationprogram_name_trgm": "evaluations_evaluationprogram USING gin (UPPER(name::text) gin_trgm_ops)",
    "evaluations_evaluationprogram_native_name_trgm": "evaluations_evaluationprogram USING gin (UPPER(native_name::text) gin_trgm_ops)",
    "evaluations_evaluationprogram_search_vector": (
        "evaluations_evaluationprogram USING gin (to_tsvector('english'::regconfig, "
        "COALESCE(name, '') || ' ' || COALESCE(native_name, '')))"
    ),
    "evaluations_evaluationbatch_notes_trgm": "evaluations_evaluationbatch USING gin (UPPER(notes) gin_trgm_ops)",
    "evaluations_evaluationresult_product_trgm": "evaluations_evaluationresult USING gin (UPPER(product::text) gin_trgm_ops)",
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
    dependencies = [("evaluations", "0006_record_revision")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
