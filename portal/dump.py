"""The full dump of public data: one zip of the CSV files the public lists download.

It is written under settings.DUMP_DIR as `registry-<content version>.zip`, so a change
to any content (which moves the version on) makes the next request build a new one;
`manage.py build_dump` builds it ahead of readers. Each CSV is the list's public
queryset through the list's own exporter, streamed into the archive in constant
memory: no draft can be in it. A lock file keeps two processes from building at once,
and while one builds, readers get the previous version's archive instead of waiting;
the archive is written under a temporary name and renamed into place, so a reader
never gets half an archive, and older versions are deleted once the new one is in
place.
"""

import contextlib
import fcntl
import os
import tempfile
import zipfile
from pathlib import Path

from django.conf import settings

from core.models import ContentVersion
from directory.exports import organization_csv, person_csv
from directory.models import Organization, Person
from evaluations.views import BatchListView, ResultListView
from forums.views import ForumListView
from standards.views import StandardListView

PREFIX = "registry-"


class _BaseUrl:
    """What the exporters ask of a request: the site's address for the URL column."""

    def __init__(self, base_url: str):
        self.base_url = base_url.removesuffix("/")

    def build_absolute_uri(self, path: str) -> str:
        return self.base_url + path


def _lists():
    """Each public list: its file name, its public queryset and its exporter."""
    for view in (
        ForumListView,
        StandardListView,
        BatchListView,
        ResultListView,
    ):
        yield view.csv_name, view().get_queryset(), view.csv_exporter
    # As the organization list (portal.views) reads them.
    organizations = Organization.objects.public().select_related("parent").order_by("name", "pk")
    yield "organizations", organizations, organization_csv
    yield "people", Person.objects.public().order_by("name", "pk"), person_csv


def dump_path(version: int) -> Path:
    return Path(settings.DUMP_DIR) / f"{PREFIX}{version}.zip"


def write_dump(target: Path, base_url: str = "") -> None:
    request = _BaseUrl(base_url) if base_url else None
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, queryset, exporter in _lists():
            with archive.open(f"{name}.csv", "w", force_zip64=True) as member:
                for chunk in exporter.chunks(queryset, request):
                    member.write(chunk)


def _newest_existing(directory: Path) -> Path | None:
    def version(path: Path) -> int:
        number = path.stem.removeprefix(PREFIX)
        return int(number) if number.isdigit() else -1

    return max(directory.glob(f"{PREFIX}*.zip"), key=version, default=None)


def current_dump(base_url: str = "", *, rebuild: bool = False) -> Path:
    """The dump of the current content version, built first if it is missing.

    While another process builds it, readers get the previous version's dump (if there
    is one) rather than wait: one build at a time, and no worker stuck behind it. The
    version is read before the data, so an archive is never older than its name.
    """
    directory = Path(settings.DUMP_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    version = ContentVersion.current()[0]
    path = dump_path(version)
    if path.exists() and not rebuild:
        return path
    with open(directory / ".lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            previous = None if rebuild else _newest_existing(directory)
            if previous is not None:
                return previous
            fcntl.flock(lock, fcntl.LOCK_EX)  # nothing to serve meanwhile: wait for it
        if path.exists() and not rebuild:
            return path  # another process built it while this one waited
        _build(directory, path, base_url)
    return path


def _build(directory: Path, path: Path, base_url: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".building-", suffix=".zip")
    os.close(handle)
    try:
        write_dump(Path(temporary), base_url)
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    for older in directory.glob(f"{PREFIX}*.zip"):
        if older != path:
            older.unlink(missing_ok=True)


def open_current_dump(base_url: str = ""):
    """The current dump, opened: a file deleted by a newer build between finding and
    opening it is looked up again (an open file stays readable once deleted)."""
    for _ in range(3):
        path = current_dump(base_url)
        with contextlib.suppress(FileNotFoundError):
            return path.open("rb")
    return current_dump(base_url, rebuild=True).open("rb")
