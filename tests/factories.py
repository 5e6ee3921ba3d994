"""The builders of every app, under the one name tests imported before they lived per app.

Only tests/sampledata/ still imports from here (its owner moves it to the per-app
modules, e.g. tests.evaluations.factories); new tests import from the app's folder.
"""

from tests.directory.factories import make_organization, make_person
from tests.evaluations.factories import make_batch, make_program, make_result
from tests.forums.factories import (
    make_forum,
    make_organizer_role,
    make_person_role,
    make_series,
    make_session,
    make_speaker,
    make_talk,
)
from tests.standards.factories import (
    make_committee,
    make_drafting_role,
    make_milestone,
    make_standard,
)

__all__ = [
    "make_batch",
    "make_committee",
    "make_drafting_role",
    "make_forum",
    "make_milestone",
    "make_organization",
    "make_organizer_role",
    "make_person",
    "make_person_role",
    "make_program",
    "make_result",
    "make_series",
    "make_session",
    "make_speaker",
    "make_standard",
    "make_talk",
]
