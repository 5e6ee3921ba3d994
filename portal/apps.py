from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The pages that join the domain apps: home, search, sitemaps, organizations, people."""

    name = "portal"
    verbose_name = "Portal"
