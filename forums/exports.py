from django.db.models import StringAgg, Value

from core.csv_export import Column, CsvExporter, choice_label, detail_path
from forums.models import SessionKind, TalkKind


def _figure(number_key: str, lower_bound_key: str):
    """“500+” for a lower bound, as on the forum's page."""

    def read(row: dict):
        number = row[number_key]
        if number is None:
            return ""
        return f"{number}+" if row[lower_bound_key] else number

    return read


forum_csv = CsvExporter(
    columns=[
        Column("Title", "title"),
        Column("Native title", "native_title"),
        Column("Series", "series__name"),
        Column("Edition", "edition_number"),
        Column("Start date", "start_date"),
        Column("End date", "end_date"),
        Column("City", "city"),
        Column("Region", "region"),
        Column("Venue", "venue"),
        Column("Attendees", None, _figure("attendees", "attendees_is_lower_bound")),
        Column(
            "Attending organizations",
            None,
            _figure("attending_organizations", "attending_organizations_is_lower_bound"),
        ),
        Column("Online viewers", None, _figure("online_viewers", "online_viewers_is_lower_bound")),
        Column("Organizers", "organizer_names"),
    ],
    annotations={
        "organizer_names": StringAgg(
            "organizer_roles__organization__name",
            delimiter=Value("; "),
        )
    },
    extra_keys=[
        "slug",
        "attendees",
        "attendees_is_lower_bound",
        "attending_organizations",
        "attending_organizations_is_lower_bound",
        "online_viewers",
        "online_viewers_is_lower_bound",
    ],
    url=detail_path("forums:forum_detail", "slug"),
)

session_csv = CsvExporter(
    columns=[
        Column("Forum", "forum__title"),
        Column("Title", "title"),
        Column("Native title", "native_title"),
        Column("Kind", "kind", choice_label(SessionKind.choices)),
        Column("Date", "date"),
        Column("Held by", "convened_by__name"),
        Column("Description", "description"),
        Column("Organizations taking part", "organization_names"),
    ],
    annotations={"organization_names": StringAgg("organizations__name", delimiter=Value("; "))},
    extra_keys=["id", "forum__slug"],
    url=detail_path("forums:forum_detail", "forum__slug", anchor="session-{id}"),
)

talk_csv = CsvExporter(
    columns=[
        Column("Forum", "forum__title"),
        Column("Session", "session__title"),
        Column("Title", "title"),
        Column("Native title", "native_title"),
        Column("Kind", "kind", choice_label(TalkKind.choices)),
        Column("Speakers", "speaker_names"),
        Column("Summary", "summary"),
    ],
    annotations={"speaker_names": StringAgg("speakers__person__name", delimiter=Value("; "))},
    extra_keys=["id", "forum__slug"],
    url=detail_path("forums:forum_detail", "forum__slug", anchor="talk-{id}"),
)
