from django.urls import path

from evaluations import views

app_name = "evaluations"

urlpatterns = [
    path("", views.BatchListView.as_view(), name="batch_list"),
    # Before the slug route, so that it is never taken for a batch's slug.
    path("results/", views.ResultListView.as_view(), name="result_list"),
    path("<slug:slug>/", views.batch_detail, name="batch_detail"),
]
