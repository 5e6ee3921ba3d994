from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from core.backup import back_up, file_suffix


class Command(BaseCommand):
    help = "Back up the whole database to one file (pg_dump on PostgreSQL, a copy on SQLite)."

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            help="Where to write; by default backups/registry-<time> in the project folder.",
        )

    def handle(self, *args, path=None, **options):
        if path is None:
            stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
            target = Path(settings.BASE_DIR) / "backups" / f"registry-{stamp}{file_suffix()}"
        else:
            target = Path(path)
        back_up(target)
        self.stdout.write(f"Backed up to {target}")
