"""What every app's test-data builders share: one sequence, so that names and slugs never clash."""

import itertools

_sequence = itertools.count(1)


def next_number() -> int:
    """A number no other record built in this test process has used."""
    return next(_sequence)


def make_source(**fields):
    """A source to cite: publishing a forum, standard or batch needs one."""
    from core.models import Source

    fields.setdefault("title", f"Source {next_number()}")
    return Source.objects.create(**fields)
