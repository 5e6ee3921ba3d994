from django.db.models import Case, StringAgg, TextField, Value, When
from django.db.models.functions import Cast, Concat

from core.csv_export import Column, CsvExporter, detail_url, label
from forums.models import SessionKind, TalkKind


def _figure(number: str, is_lower_bound: str):
    """“500+” for a lower bound, as on the forum's page."""
    as_text = Cast(number, output_field=TextField())
    return Case(
        When(
            **{is_lower_bound: True, f"{number}__isnull": False}, then=Concat(as_text, Value("+"))
        ),
        default=as_text,
        output_field=TextField(),
    )


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
        Column(
            "Attendees",
            _figure("attendees", "attendees_is_lower_bound"),
            description="How many attended; “500+” where the source gives a lower bound.",
        ),
        Column(
            "Attending organizations",
            _figure("attending_organizations", "attending_organizations_is_lower_bound"),
            description="How many organizations attended; “+” marks a lower bound.",
        ),
        Column(
            "Online viewers",
            _figure("online_viewers", "online_viewers_is_lower_bound"),
            description="How many watched online; “+” marks a lower bound.",
        ),
        Column(
            "Organizers",
            "organizer_names",
            description="Organizers, co-organizers, hosts and supporters, separated by “; ”.",
        ),
    ],
    annotations={
        "organizer_names": StringAgg("organizer_roles__organization__name", delimiter=Value("; "))
    },
    url=detail_url("forums:forum_detail", "slug"),
)

session_csv = CsvExporter(
    columns=[
        Column("Forum", "forum__title"),
        Column("Title", "title"),
        Column("Native title", "native_title"),
        Column("Kind", label("kind", SessionKind.choices)),
        Column("Date", "date"),
        Column("Held by", "convened_by__name"),
        Column("Description", "description"),
        Column(
            "Organizations taking part",
            "organization_names",
            description="The organizations the source names as taking part, separated by “; ”.",
        ),
    ],
    annotations={"organization_names": StringAgg("organizations__name", delimiter=Value("; "))},
    url=detail_url("forums:forum_detail", "forum__slug", anchor=("session-", "id")),
)

talk_csv = CsvExporter(
    columns=[
        Column("Forum", "forum__title"),
        Column("Session", "session__title"),
        Column("Title", "title"),
        Column("Native title", "native_title"),
        Column("Kind", label("kind", TalkKind.choices)),
        Column("Speakers", "speaker_names", description="Who gave the talk, separated by “; ”."),
        Column("Summary", "summary"),
    ],
    annotations={"speaker_names": StringAgg("speakers__person__name", delimiter=Value("; "))},
    url=detail_url("forums:forum_detail", "forum__slug", anchor=("talk-", "id")),
)
