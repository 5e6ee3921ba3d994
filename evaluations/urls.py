from django.urls import path

from evaluations import feeds, views

app_name = "evaluations"

urlpatterns = [
    path("", views.BatchListView.as_view(), name="batch_list"),
    # Named like a file, so that no batch's slug can ever take its place.
    path("feed.atom", feeds.BatchFeed(), name="batch_feed"),
    # Before the slug route, so that it is never taken for a batch's slug.
    path("results/", views.ResultListView.as_view(), name="result_list"),
    path("<slug:slug>/", views.batch_detail, name="batch_detail"),
]
