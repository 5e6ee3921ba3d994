from django.urls import path

from directory import views

app_name = "directory"

urlpatterns = [
    path("organizations/", views.OrganizationListView.as_view(), name="organization_list"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization_detail"),
    path("people/<slug:slug>/", views.person_detail, name="person_detail"),
]
