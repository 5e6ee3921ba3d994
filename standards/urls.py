from django.urls import path

from standards import views

app_name = "standards"

urlpatterns = [
    path("", views.StandardListView.as_view(), name="standard_list"),
    # Before the slug route, so that it is never taken for a standard's slug.
    path("lifecycle/", views.status_explanations, name="status_explanations"),
    path("<slug:slug>/", views.standard_detail, name="standard_detail"),
]
