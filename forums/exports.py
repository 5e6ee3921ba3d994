from django.db.models import StringAgg, Value

from core.csv_export import Column, CsvExporter


def _figure(number, is_lower_bound):
    if number is None:
        return ""
    return f"{number}+" if is_lower_bound else number


forum_csv = CsvExporter(
    columns=[
        Column("Title", lambda f: f.title),
        Column("Native title", lambda f: f.native_title),
        Column("Series", lambda f: f.series.name),
        Column("Edition", lambda f: f.edition_number),
        Column("Start date", lambda f: f.start_date),
        Column("End date", lambda f: f.end_date),
        Column("City", lambda f: f.city),
        Column("Region", lambda f: f.region),
        Column("Venue", lambda f: f.venue),
        Column("Attendees", lambda f: _figure(f.attendees, f.attendees_is_lower_bound)),
        Column(
            "Attending organizations",
            lambda f: _figure(f.attending_organizations, f.attending_organizations_is_lower_bound),
        ),
        Column(
            "Online viewers", lambda f: _figure(f.online_viewers, f.online_viewers_is_lower_bound)
        ),
        Column("Organizers", lambda f: f.organizer_names),
    ],
    prepare=lambda queryset: queryset.select_related("series").annotate(
        organizer_names=StringAgg("organizer_roles__organization__name", delimiter=Value("; "))
    ),
)
