from django.urls import path

from forums import calendars, feeds, views

app_name = "forums"

urlpatterns = [
    path("", views.ForumListView.as_view(), name="forum_list"),
    # Named like files, so that no forum's slug can ever take their place.
    path("feed.atom", feeds.ForumFeed(), name="forum_feed"),
    path("series/<slug:slug>/calendar.ics", calendars.series_calendar, name="series_calendar"),
    path("<slug:slug>/", views.forum_detail, name="forum_detail"),
    path("<slug:slug>/calendar.ics", calendars.forum_calendar, name="forum_calendar"),
]
