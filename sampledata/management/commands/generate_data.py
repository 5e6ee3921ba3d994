"""`manage.py generate_data`: the synthetic data of `sampledata.synthetic`, or its removal."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from sampledata import synthetic


def refused_as_error(function, *args):
    """function(*args), with its refusal (a bad scale, data in the way) as a command error."""
    try:
        return function(*args)
    except (ValueError, synthetic.SyntheticDataError) as error:
        raise CommandError(str(error)) from error


class Command(BaseCommand):
    help = (
        "Generate realistic synthetic data (scale 1: 10,000 organizations, 200,000 results), "
        "marked so that --remove deletes exactly it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=float, default=1.0, help="1 is the full size; 0.01 a hundredth."
        )
        parser.add_argument(
            "--seed", type=int, default=2025, help="The same seed gives the same data."
        )
        parser.add_argument(
            "--remove", action="store_true", help="Delete all synthetic rows and nothing else."
        )

    def handle(self, *args, scale: float, seed: int, remove: bool, **options):
        if remove:
            self.report_removed(refused_as_error(synthetic.remove))
            return
        counts = refused_as_error(synthetic.plan, scale)
        refused_as_error(synthetic.refuse_if_present)
        self.generate(scale, seed, counts, quiet=options["verbosity"] == 0)

    def generate(self, scale: float, seed: int, counts: dict, quiet: bool) -> None:
        started = timezone.now()
        with tqdm(
            total=synthetic.estimated_rows(counts),
            unit=" rows",
            unit_scale=True,
            file=self.stderr._out,
            disable=quiet,
            dynamic_ncols=True,
        ) as bar:
            created = synthetic.generate(scale, seed, bar)
            bar.total = bar.n
            bar.set_description("Done")
            bar.refresh()
        seconds = (timezone.now() - started).total_seconds()
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {sum(created.values()):,} synthetic rows at scale {scale:g} in {seconds:.1f} s:"
            )
        )
        for label, count in created.items():
            self.stdout.write(f"  {label}: {count:,}")

    def report_removed(self, deleted) -> None:
        total = sum(deleted.values())
        if not total:
            self.stdout.write("No synthetic data to remove.")
            return
        self.stdout.write(self.style.SUCCESS(f"Removed {total:,} synthetic rows:"))
        for label, count in sorted(deleted.items()):
            self.stdout.write(f"  {label}: {count:,}")
