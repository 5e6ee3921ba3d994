from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from directory.models import Organization, Person
from evaluations.models import EvaluationBatch
from forums.models import Forum
from standards.models import Standard


class PublicRecordSitemap(Sitemap):
    """Public records only: drafts never appear here."""

    model = None

    def items(self):
        return self.model.objects.public().order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


def sitemap_of(model) -> type[PublicRecordSitemap]:
    return type(f"{model.__name__}Sitemap", (PublicRecordSitemap,), {"model": model})


class PageSitemap(Sitemap):
    def items(self):
        return [
            "core:home",
            "forums:forum_list",
            "standards:standard_list",
            "standards:status_explanations",
            "evaluations:batch_list",
            "evaluations:result_list",
            "directory:organization_list",
        ]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": PageSitemap,
    "forums": sitemap_of(Forum),
    "standards": sitemap_of(Standard),
    "batches": sitemap_of(EvaluationBatch),
    "organizations": sitemap_of(Organization),
    "people": sitemap_of(Person),
}
