"""The ledger of the demo records load_demo made, so that it finds them again by name."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class DemoRecord(models.Model):
    """The record load_demo made (or found) for one entry of the demo data file.

    The key names the entry as the data file does (“session:<forum slug>/<session key>”),
    never by the record's own fields, so an editor may change any of them, those the
    loader first matched it by included, and the next run still finds it instead of
    creating the original again beside it.

    Not content: no timestamps, history or admin, and writing it retires no cached page
    (core.signals connects only TimestampedModel subclasses).
    """

    # Room for a few slugs of up to 200 characters, or a source's URL (up to 500).
    key = models.CharField(max_length=1000, unique=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")

    class Meta:
        verbose_name = "demo record"

    def __str__(self) -> str:
        return self.key
