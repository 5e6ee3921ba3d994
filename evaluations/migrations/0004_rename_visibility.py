"""Visibility is its own word: a standard's lifecycle stage keeps "published".

The draft/published state becomes `visibility` (draft/public) and `published_at`
becomes `made_public_at`, in the records and in their history alike.
"""

from django.db import migrations

RENAMES = [("publication_status", "visibility"), ("published_at", "made_public_at")]
MODELS = ["evaluationbatch", "historicalevaluationbatch"]


def to_public(apps, schema_editor):
    for name in MODELS:
        apps.get_model("evaluations", name).objects.filter(visibility="published").update(
            visibility="public"
        )


def to_published(apps, schema_editor):
    for name in MODELS:
        apps.get_model("evaluations", name).objects.filter(visibility="public").update(
            visibility="published"
        )


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0003_result_batch_order_index")]

    operations = [
        *(migrations.RenameField(model, old, new) for model in MODELS for old, new in RENAMES),
        migrations.RunPython(to_public, to_published),
    ]
