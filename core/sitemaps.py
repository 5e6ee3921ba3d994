from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from directory.models import Organization, Person
from evaluations.models import EvaluationBatch
from forums.models import Forum
from standards.models import Standard


class PublishedSitemap(Sitemap):
    """Published records only: drafts never appear here."""

    model = None

    def items(self):
        return self.model.objects.published().order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


class ForumSitemap(PublishedSitemap):
    model = Forum


class StandardSitemap(PublishedSitemap):
    model = Standard


class BatchSitemap(PublishedSitemap):
    model = EvaluationBatch


class OrganizationSitemap(Sitemap):
    def items(self):
        return Organization.objects.order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


class PersonSitemap(OrganizationSitemap):
    def items(self):
        return Person.objects.order_by("pk")


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
    "forums": ForumSitemap,
    "standards": StandardSitemap,
    "batches": BatchSitemap,
    "organizations": OrganizationSitemap,
    "people": PersonSitemap,
}
