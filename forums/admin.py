from django.contrib import admin

from core.admin import ContentAdmin, ContentInline, LatestRelatedListFilter, PublishableAdmin
from core.filters import search_admin
from forums.exports import forum_csv, session_csv, talk_csv
from forums.models import (
    Forum,
    ForumSeries,
    OrganizerRole,
    PersonRole,
    Session,
    Talk,
    TalkSpeaker,
)


@admin.register(ForumSeries)
class ForumSeriesAdmin(ContentAdmin):
    list_display = ["name", "native_name"]
    search_fields = ["name", "native_name"]
    get_search_results = search_admin
    prepopulated_fields = {"slug": ["name"]}


class OrganizerRoleInline(ContentInline):
    model = OrganizerRole
    autocomplete_fields = ["organization"]
    fields = ["organization", "role", "order"]
    show_change_link = False


class SessionInline(ContentInline):
    model = Session
    fields = ["title", "kind", "date", "order"]


class PersonRoleInline(ContentInline):
    model = PersonRole
    autocomplete_fields = ["person", "organization"]
    fields = ["person", "role", "organization", "position", "order"]
    show_change_link = True


@admin.register(Forum)
class ForumAdmin(PublishableAdmin):
    csv_exporter = forum_csv
    list_display = [
        "title",
        "series",
        "edition_number",
        "start_date",
        "city",
        "visibility",
        "updated_at",
    ]
    list_filter = ["visibility", "series", "city"]
    list_select_related = ["series"]
    search_fields = ["title", "native_title", "city", "venue", "series__name"]
    get_search_results = search_admin
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["series", "source"]
    date_hierarchy = "start_date"
    inlines = [OrganizerRoleInline, SessionInline, PersonRoleInline]
    fieldsets = [
        (None, {"fields": ["series", "edition_number", "title", "native_title", "slug"]}),
        ("When and where", {"fields": ["start_date", "end_date", "city", "region", "venue"]}),
        (
            "Attendance",
            {
                "description": "Numbers as the source gives them; tick “lower bound” for "
                "“over 500”, and pages will show “500+”.",
                "fields": [
                    ("attendees", "attendees_is_lower_bound"),
                    ("attending_organizations", "attending_organizations_is_lower_bound"),
                    ("online_viewers", "online_viewers_is_lower_bound"),
                ],
            },
        ),
        ("About", {"fields": ["summary", "source"]}),
        ("Publishing", {"fields": PublishableAdmin.publishing_fields}),
    ]


class TalkInline(ContentInline):
    model = Talk
    fields = ["title", "kind", "order"]
    fk_name = "session"


@admin.register(Session)
class SessionAdmin(ContentAdmin):
    csv_exporter = session_csv
    list_display = ["title", "forum", "kind", "date", "order"]
    list_filter = ["kind", ("forum", LatestRelatedListFilter)]
    list_select_related = ["forum"]
    search_fields = ["title", "native_title", "description", "forum__title"]
    get_search_results = search_admin
    autocomplete_fields = ["forum", "convened_by", "organizations"]
    inlines = [TalkInline]


class TalkSpeakerInline(ContentInline):
    model = TalkSpeaker
    autocomplete_fields = ["person", "organization"]
    fields = ["person", "organization", "position", "order"]
    show_change_link = False


@admin.register(Talk)
class TalkAdmin(ContentAdmin):
    csv_exporter = talk_csv
    list_display = ["title", "kind", "forum", "session", "order"]
    list_filter = ["kind", ("forum", LatestRelatedListFilter)]
    # A session's name includes its forum's.
    list_select_related = ["forum", "session__forum"]
    search_fields = [
        "title",
        "native_title",
        "summary",
        "speakers__person__name",
        "speakers__organization__name",
    ]
    get_search_results = search_admin
    autocomplete_fields = ["forum", "session"]
    inlines = [TalkSpeakerInline]


@admin.register(OrganizerRole)
class OrganizerRoleAdmin(ContentAdmin):
    list_display = ["organization", "role", "forum"]
    list_filter = ["role", ("forum", LatestRelatedListFilter)]
    list_select_related = ["organization", "forum"]
    search_fields = ["organization__name", "organization__native_name", "forum__title"]
    get_search_results = search_admin
    autocomplete_fields = ["forum", "organization"]


@admin.register(PersonRole)
class PersonRoleAdmin(ContentAdmin):
    list_display = ["person", "role", "organization", "position", "forum"]
    list_filter = ["role", ("forum", LatestRelatedListFilter)]
    list_select_related = ["person", "organization", "forum"]
    search_fields = ["person__name", "person__native_name", "position", "organization__name"]
    get_search_results = search_admin
    autocomplete_fields = ["forum", "person", "organization", "sessions"]


@admin.register(TalkSpeaker)
class TalkSpeakerAdmin(ContentAdmin):
    list_display = ["talk", "person", "organization", "position"]
    list_select_related = ["talk", "person", "organization"]
    search_fields = ["person__name", "organization__name", "talk__title", "position"]
    get_search_results = search_admin
    autocomplete_fields = ["talk", "person", "organization"]
