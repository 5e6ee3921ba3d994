from django.core.management.base import BaseCommand

from portal.dump import current_dump


class Command(BaseCommand):
    help = (
        "Build the zip of every public list's CSV for the current content version "
        "(readers get it at /data/registry.zip; it is rebuilt there on change too)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default="",
            help="The site's address for the URL columns, e.g. https://registry.example "
            "(without it the URLs are paths).",
        )
        parser.add_argument(
            "--force", action="store_true", help="Build again even if it is up to date."
        )

    def handle(self, *args, base_url, force, **options):
        path = current_dump(base_url, rebuild=force)
        self.stdout.write(f"{path} ({path.stat().st_size:,} bytes)")
