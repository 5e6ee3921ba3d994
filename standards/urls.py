from django.urls import path

from standards import feeds, views

app_name = "standards"

urlpatterns = [
    path("", views.StandardListView.as_view(), name="standard_list"),
    # Named like a file, so that no standard's slug can ever take its place.
    path("feed.atom", feeds.StatusChangesFeed(), name="status_feed"),
    # Before the slug route, so that it is never taken for a standard's slug.
    path("lifecycle/", views.status_explanations, name="status_explanations"),
    path("<slug:slug>/", views.standard_detail, name="standard_detail"),
    path("<slug:slug>/feed.atom", feeds.StandardFeed(), name="standard_feed"),
]
