"""`manage.py load_demo`: the demo content of `sampledata.demo` (the Weihai 2025 article)."""

from django.core.management.base import BaseCommand, CommandError

from sampledata import demo


class Command(BaseCommand):
    help = (
        "Load the demo content from the Weihai 2025 forum article: creates the records that "
        "are missing and leaves existing ones (an editor's changes) alone. Safe to run again."
    )

    def handle(self, *args, **options):
        try:
            report = demo.load()
        except demo.DemoFileError as error:
            raise CommandError(f"{demo.DEMO_FILE.name}: {error}") from error
        self.stdout.write(report.summary())
        if options["verbosity"] >= 1:
            for line in report.by_model():
                self.stdout.write(f"  {line}")
        if options["verbosity"] >= 2:
            for created, record in report.records:
                verb = "created" if created else "skipped"
                self.stdout.write(f"  {verb}: {record._meta.verbose_name} “{record}”")
