"""An index on batch number: global search's "sixth batch" / "batch 6" (any program)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0011_batch_announced_effective")]

    operations = [
        migrations.AddIndex(
            model_name="evaluationbatch",
            index=models.Index(fields=["number"], name="batch_number"),
        ),
    ]
