from django.urls import path

from forums import views

app_name = "forums"

urlpatterns = [
    path("", views.ForumListView.as_view(), name="forum_list"),
    path("<slug:slug>/", views.forum_detail, name="forum_detail"),
]
