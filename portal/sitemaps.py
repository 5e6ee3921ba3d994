from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from directory.models import Organization, Person
from evaluations.models import EvaluationBatch
from forums.models import Forum
from standards.models import Standard

# URLs in one section's page: /sitemap.xml is an index of the sections' pages, so no
# section grows with the record (the protocol allows 50,000; 500 render in a few ms).
SECTION_LIMIT = 500


class PublicRecordSitemap(Sitemap):
    """Public records only: drafts never appear here."""

    model = None
    limit = SECTION_LIMIT

    def items(self):
        return self.model.objects.public().order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at

    def get_latest_lastmod(self):
        # Django's default reads every item of the section for the index's dates; the
        # index goes without them and each section's pages carry their own.
        return None


def sitemap_of(model) -> type[PublicRecordSitemap]:
    return type(f"{model.__name__}Sitemap", (PublicRecordSitemap,), {"model": model})


class PageSitemap(Sitemap):
    def items(self):
        return [
            "core:home",
            "core:whats_new",
            "forums:forum_list",
            "standards:standard_list",
            "standards:status_explanations",
            "evaluations:batch_list",
            "evaluations:result_list",
            "directory:organization_list",
            "directory:person_list",
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
