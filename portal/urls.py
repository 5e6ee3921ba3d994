"""The portal's pages, under the URL names they had before the portal existed.

The home page, search and sitemap keep the `core:` names and the organization and
person pages the `directory:` names, so every reverse() and {% url %} keeps working.
"""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, re_path

from core.views import healthz, readyz
from portal import api, feeds, reference, views
from portal.sitemaps import SITEMAPS

site_patterns = (
    [
        path("", views.home, name="home"),
        path("search/", views.search, name="search"),
        path("whats-new/", views.whats_new, name="whats_new"),
        path("whats-new/feed.atom", feeds.WhatsNewFeed(), name="whats_new_feed"),
        path("data/registry.zip", views.data_dump, name="data_dump"),
        path("healthz", healthz, name="healthz"),
        path("readyz", readyz, name="readyz"),
        path("robots.txt", views.robots_txt, name="robots_txt"),
        path("data/", reference.data_dictionary_page, name="data_dictionary"),
        path(
            "sitemap.xml",
            sitemap_views.index,
            {"sitemaps": SITEMAPS, "sitemap_url_name": "core:sitemap_section"},
            name="sitemap",
        ),
        path(
            "sitemap-<section>.xml",
            sitemap_views.sitemap,
            {"sitemaps": SITEMAPS},
            name="sitemap_section",
        ),
    ],
    "core",
)

directory_patterns = (
    [
        path("organizations/", views.OrganizationListView.as_view(), name="organization_list"),
        path("organizations/<slug:slug>/", views.organization_detail, name="organization_detail"),
        path(
            "organizations/<slug:slug>/feed.atom",
            feeds.OrganizationFeed(),
            name="organization_feed",
        ),
        path("people/", views.PersonListView.as_view(), name="person_list"),
        path("people/<slug:slug>/", views.person_detail, name="person_detail"),
    ],
    "directory",
)

# The read-only JSON API, mounted at /api/ (config/urls.py): each app's viewsets on one
# router (portal/api.py), its root, its OpenAPI description and its reference page.
api_patterns = (
    [
        path("", api.ApiRootView.as_view(), name="root"),
        path("openapi.json", api.OpenApiView.as_view(), name="openapi"),
        path("reference/", reference.api_reference, name="reference"),
        *api.router.urls,
        # Last: any other path under /api/ is a JSON 404, as the API's own are.
        re_path(r"^[\s\S]*/$", api.not_found, name="not_found"),
    ],
    "api",
)
