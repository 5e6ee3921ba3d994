from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from core.redirects import connect_slug_signals
        from core.signals import connect_content_signals

        connect_content_signals()
        connect_slug_signals()
